using MeetingsApp.Data;
using MeetingsApp.EventStore;
using MeetingsApp.Meetings;
using MeetingsApp.Timeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingsApp.Tests.Timeline;

/// <summary>
/// The oracle for the temporal read model: "my meetings as of T" the way the app computed it before that model existed,
/// by folding the events written up to T (the store's own "up to an instant") with Meeting.Evolve, for the meetings the
/// user takes part in now (the current participants table) and did then (the fold).
/// </summary>
public static class FoldedAsOf
{
    public static async Task<List<PastMeeting>> MyMeetingsAsync(IServiceProvider services, Guid userId, DateTimeOffset instant)
    {
        List<Guid> meetingIds;
        await using (var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
            meetingIds = await db.Set<MeetingParticipant>().Where(p => p.UserId == userId).Select(p => p.MeetingId).ToListAsync();

        var meetings = new Dictionary<Guid, Meeting>();
        foreach (var e in await services.GetRequiredService<IEventStore>().ReadStreamsAsync(meetingIds, instant))
            meetings[e.StreamId] = Meeting.Evolve(meetings.GetValueOrDefault(e.StreamId), e.Data);

        return [.. meetings.Values.Where(m => m.IsParticipant(userId)).Select(m => new PastMeeting(m.Id, m.Version, m.Title, m.Start, m.Duration, m.Status,
            m.Count(InvitationResponse.Accepted), m.Count(InvitationResponse.Tentative), m.Count(InvitationResponse.Declined), m.Count(InvitationResponse.Pending),
            m.OrganizerId == userId, m.OrganizerId == userId ? InvitationResponse.Accepted : m.InviteeOf(userId)!.Response))];
    }

    /// <summary>The same meetings in one order whatever the engine (which sort ids differently).</summary>
    public static List<PastMeeting> InOrder(IEnumerable<PastMeeting> meetings) =>
        [.. meetings.OrderBy(m => m.Start).ThenBy(m => m.MeetingId.ToString())];
}
