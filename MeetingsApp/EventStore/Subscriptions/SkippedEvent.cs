using Microsoft.EntityFrameworkCore;

namespace MeetingsApp.EventStore.Subscriptions;

/// <summary>
/// Stands, for one subscriber, in the place of an event an operator told it to skip (<see cref="ParkedEventSkipped"/>): it
/// arrives through <see cref="ISubscriber{TContext}.ApplyAsync"/> with the skipped event's stream, version, position and time,
/// live exactly where a rebuild puts it. A subscriber that folds streams counts the version and changes nothing else, so the
/// gap the operator allowed is the only one it tolerates; the others pass over it. Observers never hear of it. The skipped
/// row itself stays in the log.
/// </summary>
public sealed record SkippedEvent(string EventType, string Reason)
{
    /// <summary>The stand-in for the row at <paramref name="position"/>, read from the events table (its payload is not read: it may be unreadable).</summary>
    internal static async Task<RecordedEvent> StandInAsync(DbContext db, long position, string reason, CancellationToken ct)
    {
        var row = await db.Set<StoredEvent>().AsNoTracking().Where(e => e.Position == position)
            .Select(e => new { e.StreamId, e.StreamType, e.EventType, e.Version, e.SchemaVersion, e.Meta, e.CreatedAt }).SingleAsync(ct);
        return new RecordedEvent(position, row.StreamId, row.StreamType, row.EventType, row.Version, row.SchemaVersion,
            new SkippedEvent(row.EventType, reason), new DateTimeOffset(DateTime.SpecifyKind(row.CreatedAt, DateTimeKind.Utc)), row.Meta);
    }
}

public static class SkippedEventStreams
{
    /// <summary>
    /// The payloads of a stream up to <paramref name="upTo"/> (that event included), for a reactor that builds a message from
    /// the stream as that event left it: a row this app cannot read is a <see cref="SkippedEvent"/>. A reactor that has reached
    /// the event got past such a row only by an operator's recorded decision (skip, or release without side effects), since
    /// the row parks its stream otherwise. A readable row is always folded: a reactor's skip passes over its side effects,
    /// not over what happened to the meeting.
    /// </summary>
    public static async Task<IReadOnlyList<object>> ReadPassableStreamAsync(this IEventStore store, RecordedEvent upTo, CancellationToken ct)
    {
        var rows = await store.ReadRowsAsync(0, int.MaxValue, beforePosition: upTo.Position + 1, streamId: upTo.StreamId, ct: ct);
        return rows.Select(r => r.Event?.Data ?? new SkippedEvent(r.EventType, r.Unreadable!)).ToList();
    }
}
