using MeetingsApp.Accounts;
using MeetingsApp.Data;
using MeetingsApp.EventStore;
using MeetingsApp.Meetings;
using Microsoft.EntityFrameworkCore;

namespace MeetingsApp.Timeline;

/// <summary>One step of a meeting's history: the event, who did it, and the meeting as it was right after.</summary>
public sealed record HistoryStep(RecordedEvent Event, string Actor, Meeting After, IReadOnlySet<string> Changed);

/// <summary>
/// A meeting's whole history, folded once with the aggregate's own <see cref="Meeting.Evolve"/>: every version's state
/// is kept, so moving to any version is a lookup, never a refold from the first event.
/// </summary>
/// <param name="stoppedAt">
/// The first event of the stream this version of the app cannot read (a newer version's event type, a schema no
/// upcaster handles), where the history stops making sense; null when every event could be read.
/// </param>
public sealed class MeetingTimeline(IReadOnlyList<HistoryStep> steps, LogRow? stoppedAt = null)
{
    public IReadOnlyList<HistoryStep> Steps { get; } = steps;

    public LogRow? StoppedAt { get; } = stoppedAt;

    public int Latest => Steps.Count;

    /// <summary>The step that made version <paramref name="version"/> (1 is the scheduling).</summary>
    public HistoryStep At(int version) =>
        version >= 1 && version <= Latest
            ? Steps[version - 1]
            : throw new ArgumentOutOfRangeException(nameof(version), version, $"Version must be between 1 and {Latest}.");

    /// <summary>The version current at <paramref name="instant"/>; 0 if the meeting did not exist yet.</summary>
    public int VersionAt(DateTimeOffset instant) => Steps.Count(s => s.Event.CreatedAt <= instant);
}

/// <summary>Reads meeting histories for their participants.</summary>
public sealed class MeetingHistory(IEventStore store, UserDirectory users, IDbContextFactory<AppDbContext> contexts)
{
    /// <summary>
    /// The history, for a current participant of the meeting; null (not found) for anyone else. Who that is, the fold says
    /// when it reads the whole stream; a history that stops early cannot say (a newer version may have removed or invited
    /// people after the event this one cannot read), and the participants' read model, which an instance that reads it
    /// keeps, answers instead.
    /// </summary>
    public async Task<MeetingTimeline?> GetAsync(Guid meetingId, Guid userId, CancellationToken ct = default)
    {
        // Rows, not events: an event this app cannot read ends the history there instead of failing the page.
        var rows = await store.ReadRowsAsync(0, int.MaxValue, streamId: meetingId, ct: ct);
        var stoppedAt = rows.FirstOrDefault(r => r.Event is null);
        var events = rows.TakeWhile(r => r.Event is not null).Select(r => r.Event!).ToList();
        var states = new List<(RecordedEvent Event, Meeting After, IReadOnlySet<string> Changed)>(events.Count);
        Meeting? state = null;
        foreach (var e in events)
        {
            var after = Meeting.Evolve(state, e.Data);
            states.Add((e, after, MeetingChanges.Between(state, after)));
            state = after;
        }
        if (state is null) return null;
        if (stoppedAt is null ? !state.IsParticipant(userId) : !await TakesPartAsync(meetingId, userId, ct)) return null;

        var names = await users.GetAsync(events.Select(e => e.Metadata.UserId), ct);
        return new MeetingTimeline(states.ConvertAll(s =>
            new HistoryStep(s.Event, names.GetValueOrDefault(s.Event.Metadata.UserId)?.DisplayName ?? "Someone", s.After, s.Changed)), stoppedAt);
    }

    private async Task<bool> TakesPartAsync(Guid meetingId, Guid userId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Set<MeetingParticipant>().AnyAsync(p => p.MeetingId == meetingId && p.UserId == userId, ct);
    }
}
