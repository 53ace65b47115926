using System.Collections.Concurrent;
using MeetingsApp.Data;
using MeetingsApp.EventStore;
using MeetingsApp.EventStore.Subscriptions;
using MeetingsApp.Meetings;
using Microsoft.EntityFrameworkCore;

namespace MeetingsApp.Timeline;

/// <summary>
/// The temporal read model: for every version of every meeting, one <see cref="MeetingVersionParticipant"/> row per person
/// in it, valid from the instant its event was written until the next version's. Each version is the state
/// <see cref="Meeting.Evolve"/> makes of the one before; live one event at a time, or rebuilt by folding the whole log.
/// </summary>
public sealed class MeetingVersionProjection : IProjection<AppDbContext>
{
    public const string SubscriberName = "meeting-versions";

    /// <summary>More meetings than this and the remembered states are dropped, to be read from their rows again as needed.</summary>
    private const int RememberedMeetings = 20_000;

    // The state each meeting reached last, so that a live event folds onto it without building it from its rows. The log never
    // changes, so a state is right for as long as its version is the one before the event's, committed or not.
    private readonly ConcurrentDictionary<Guid, Meeting> _latest = new();

    public string Name => SubscriberName;

    public SubscriberKind Kind => SubscriberKind.Projection;

    public bool WritesOnlyThroughChangeTracker => true;

    public async Task ApplyAsync(AppDbContext db, RecordedEvent @event, CancellationToken ct)
    {
        if (@event.StreamType != MeetingCommandHandler.StreamType) return;
        var rows = db.Set<MeetingVersionParticipant>();
        if (await rows.AnyAsync(r => r.MeetingId == @event.StreamId && r.Version >= @event.Version, ct)) return; // replayed

        var validFrom = @event.CreatedAt.UtcDateTime;
        Meeting? before = null;
        if (@event.Version > 1)
        {
            var previous = await rows.Where(r => r.MeetingId == @event.StreamId && r.Version == @event.Version - 1).ToListAsync(ct);
            if (previous.Count == 0)
                throw new InvalidOperationException($"Meeting {@event.StreamId} has no version {@event.Version - 1} but event {@event.Position} is version {@event.Version}.");
            validFrom = Later(previous[0].ValidFrom, validFrom);
            foreach (var row in previous) (row.ValidTo, row.ToPosition) = (validFrom, @event.Position);
            before = StateOf(previous);
        }
        var after = Meeting.Evolve(before, @event.Data);
        if (after.Version != @event.Version)
            throw new InvalidOperationException($"Meeting {@event.StreamId} folds to version {after.Version} at event {@event.Position}, which is version {@event.Version}.");
        if (before is not null) await FollowMembershipAsync(rows, before, after, ct);
        rows.AddRange(MeetingVersionReadModel.Rows(after, validFrom, MeetingVersionParticipant.EndOfTime, @event.Position, toPosition: null));
        Remember(after);
    }

    /// <summary>Whoever left or came back with this event: <see cref="MeetingVersionParticipant.StillTakesPart"/> on all their earlier rows follows.</summary>
    private static async Task FollowMembershipAsync(DbSet<MeetingVersionParticipant> rows, Meeting before, Meeting after, CancellationToken ct)
    {
        var (was, @is) = (MeetingVersionReadModel.People(before), MeetingVersionReadModel.People(after));
        var changed = was.Except(@is).Concat(@is.Except(was)).ToList();
        if (changed.Count == 0) return;
        foreach (var row in await rows.Where(r => r.MeetingId == after.Id && changed.Contains(r.UserId)).ToListAsync(ct))
            row.StillTakesPart = @is.Contains(row.UserId);
    }

    public async Task<Func<AppDbContext, CancellationToken, Task>> RebuildAsync(IAsyncEnumerable<IReadOnlyList<RecordedEvent>> log, CancellationToken ct)
    {
        var meetings = new Dictionary<Guid, List<FoldedVersion>>();
        await foreach (var batch in log.WithCancellation(ct))
        {
            foreach (var e in batch)
            {
                if (e.StreamType != MeetingCommandHandler.StreamType) continue;
                if (!meetings.TryGetValue(e.StreamId, out var versions)) meetings[e.StreamId] = versions = [];
                var (before, from) = versions.Count == 0 ? (null, e.CreatedAt.UtcDateTime)
                    : (versions[^1].State, Later(versions[^1].ValidFrom, e.CreatedAt.UtcDateTime));
                versions.Add(new FoldedVersion(Meeting.Evolve(before, e.Data), from, e.Position));
            }
        }
        _latest.Clear();
        foreach (var versions in meetings.Values) Remember(versions[^1].State);
        return async (db, token) =>
        {
            await using var cache = await db.LargeWriteCacheAsync(token);
            await db.Set<MeetingVersionParticipant>().ExecuteDeleteAsync(token);
            await db.InsertAsync(meetings.Values.SelectMany(AllRows), token);
        };
    }

    /// <summary>A version as the rebuild folds it: the state, and when and where its event was written.</summary>
    private sealed record FoldedVersion(Meeting State, DateTime ValidFrom, long Position);

    private static IEnumerable<MeetingVersionParticipant> AllRows(List<FoldedVersion> versions)
    {
        var now = MeetingVersionReadModel.People(versions[^1].State);
        return versions.SelectMany((v, i) => i + 1 < versions.Count
            ? MeetingVersionReadModel.Rows(v.State, v.ValidFrom, versions[i + 1].ValidFrom, v.Position, versions[i + 1].Position, now)
            : MeetingVersionReadModel.Rows(v.State, v.ValidFrom, MeetingVersionParticipant.EndOfTime, v.Position, toPosition: null, now));
    }

    /// <summary>
    /// The meeting at the version of <paramref name="previous"/> (its rows): remembered, or else as those rows show it. The rows
    /// hold everything of a meeting that the next version's rows depend on (title, time, status, who takes part and their
    /// answers), so the next rows come out the same either way; and they are this projection's own, so the state is the one
    /// it folded, skipped events included, never a fresh reading of the stream.
    /// </summary>
    private Meeting StateOf(List<MeetingVersionParticipant> previous)
    {
        var any = previous[0];
        if (_latest.TryGetValue(any.MeetingId, out var remembered) && remembered.Version == any.Version) return remembered;
        var organiser = previous.Single(r => r.IsOrganizer);
        return new Meeting(any.MeetingId, any.Title, "", "", new DateTimeOffset(any.Start, TimeSpan.Zero), any.Duration, organiser.UserId,
            [.. previous.Where(r => !r.IsOrganizer).Select(r => new Invitee(r.UserId, r.Response))], any.Status, CancellationReason: null,
            any.Version, Revision: 0);
    }

    private void Remember(Meeting meeting)
    {
        if (_latest.Count >= RememberedMeetings && !_latest.ContainsKey(meeting.Id)) _latest.Clear();
        _latest[meeting.Id] = meeting;
    }

    /// <summary>An event's instant, or the previous version's if a clock stepped back: a version never starts before the one it follows.</summary>
    private static DateTime Later(DateTime previous, DateTime written) => written < previous ? previous : written;
}
