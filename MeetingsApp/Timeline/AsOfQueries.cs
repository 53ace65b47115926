using MeetingsApp.Data;
using MeetingsApp.EventStore;
using MeetingsApp.Meetings;
using Microsoft.EntityFrameworkCore;

namespace MeetingsApp.Timeline;

/// <summary>A meeting on someone's list as it was at an instant, with their own part in it then.</summary>
public sealed record PastMeeting(Meeting Meeting, bool IsOrganizer, InvitationResponse Response);

/// <summary>
/// "My meetings as they were at an instant", built by folding the log up to that instant with Meeting.Evolve,
/// not from a stored copy. Access follows current membership: a meeting shows if the user takes part in it now
/// (the participants table says which streams to fold) and took part in it at that instant (the fold says).
/// </summary>
public sealed class AsOfQueries(IDbContextFactory<AppDbContext> contexts, IEventStore store)
{
    public async Task<IReadOnlyList<PastMeeting>> MyMeetingsAsync(Guid userId, DateTimeOffset instant, CancellationToken ct = default)
    {
        List<Guid> meetingIds;
        await using (var db = await contexts.CreateDbContextAsync(ct))
            meetingIds = await db.Set<MeetingParticipant>().Where(p => p.UserId == userId).Select(p => p.MeetingId).ToListAsync(ct);

        var meetings = new Dictionary<Guid, Meeting>();
        foreach (var e in await store.ReadStreamsAsync(meetingIds, instant, ct))
            meetings[e.StreamId] = Meeting.Evolve(meetings.GetValueOrDefault(e.StreamId), e.Data);

        return meetings.Values.Where(m => m.IsParticipant(userId)).OrderBy(m => m.Start)
            .Select(m => m.OrganizerId == userId
                ? new PastMeeting(m, true, InvitationResponse.Accepted)
                : new PastMeeting(m, false, m.InviteeOf(userId)!.Response))
            .ToList();
    }
}
