using MeetingsApp.Accounts;
using MeetingsApp.EventStore;
using MeetingsApp.Meetings;

namespace MeetingsApp.Timeline;

/// <summary>One step of a meeting's history: the event, who did it, and the meeting as it was right after.</summary>
public sealed record HistoryStep(RecordedEvent Event, string Actor, Meeting After);

/// <summary>A meeting's history, read from its stream and folded with the aggregate's own Evolve.</summary>
public sealed class MeetingHistory(IEventStore store, UserDirectory users)
{
    /// <summary>Every step, for a participant of the meeting as it is now; null (not found) for anyone else.</summary>
    public async Task<IReadOnlyList<HistoryStep>?> GetAsync(Guid meetingId, Guid userId, CancellationToken ct = default)
    {
        var events = await store.ReadStreamAsync(meetingId, ct: ct);
        var steps = new List<HistoryStep>(events.Count);
        Meeting? state = null;
        foreach (var e in events)
        {
            state = Meeting.Evolve(state, e.Data);
            steps.Add(new HistoryStep(e, "", state));
        }
        if (state is null || (state.OrganizerId != userId && state.InviteeOf(userId) is null)) return null;

        var names = await users.GetAsync(steps.Select(s => s.Event.Metadata.UserId), ct);
        return steps.ConvertAll(s => s with { Actor = names.GetValueOrDefault(s.Event.Metadata.UserId)?.DisplayName ?? "Someone" });
    }
}
