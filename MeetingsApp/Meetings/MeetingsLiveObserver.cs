using MeetingsApp.Data;
using MeetingsApp.EventStore;
using MeetingsApp.EventStore.Subscriptions;
using MeetingsApp.Live;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace MeetingsApp.Meetings;

/// <summary>
/// Once <see cref="MeetingProjection"/> has committed, tells exactly the people concerned, through their user groups on
/// <see cref="MeetingsHub"/>; their open pages (<see cref="LiveUpdates"/>) re-read the read model. Each app instance runs
/// its own subscribers, so each instance tells the tabs connected to it. Who the participants are, it has from
/// <see cref="MeetingAudiences"/> where this instance applied the event, and reads from the table otherwise.
/// </summary>
public sealed class MeetingsLiveObserver(IHubContext<MeetingsHub, IMeetingsClient> hub, IDbContextFactory<AppDbContext> contexts, MeetingAudiences audiences)
    : ISubscriptionObserver
{
    public string Subscriber => MeetingProjection.SubscriberName;

    public async Task CommittedAsync(IReadOnlyList<RecordedEvent> batch, CancellationToken ct)
    {
        var latest = batch.Where(e => e.StreamType == MeetingCommandHandler.StreamType)
            .GroupBy(e => e.StreamId).ToDictionary(g => g.Key, g => g.MaxBy(e => e.Position)!);
        if (latest.Count == 0) return;
        var participants = new List<(Guid MeetingId, Guid UserId)>();
        var unknown = new List<Guid>();
        foreach (var (meetingId, e) in latest)
        {
            if (audiences.Take(meetingId, e.Position) is { } people) participants.AddRange(people.Select(p => (meetingId, p)));
            else unknown.Add(meetingId);
        }
        if (unknown.Count > 0)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            participants.AddRange((await db.Set<MeetingParticipant>().AsNoTracking().Where(p => unknown.Contains(p.MeetingId))
                .Select(p => new { p.MeetingId, p.UserId }).ToListAsync(ct)).Select(p => (p.MeetingId, p.UserId)));
        }
        // Access follows current membership; a removal is the last message its removed people get, so their open page
        // re-reads and says they were removed.
        participants.AddRange(batch.Where(e => e.Data is PeopleRemoved).SelectMany(e => ((PeopleRemoved)e.Data).UserIds.Select(u => (e.StreamId, u))));
        foreach (var meeting in participants.Distinct().GroupBy(p => p.MeetingId))
        {
            var e = latest[meeting.Key];
            var groups = meeting.Select(p => MeetingsHub.UserGroup(p.UserId)).ToList();
            await hub.Clients.Groups(groups).MeetingChanged(new MeetingChange(meeting.Key, e.Version, e.Position));
        }
    }
}
