using MeetingsApp.Data;
using MeetingsApp.Shared;
using Microsoft.EntityFrameworkCore;

namespace MeetingsApp.Meetings;

public enum MeetingListTab { Upcoming, Past, Cancelled }

/// <summary>A meeting on someone's list, with their own part in it.</summary>
public sealed record MeetingListItem(MeetingSummary Meeting, bool IsOrganizer, InvitationResponse Response);

/// <summary>A meeting as one participant may see it; null from the queries means "not found" for everyone else.</summary>
public sealed record MeetingDetails(MeetingSummary Meeting, IReadOnlyList<MeetingParticipant> Participants, MeetingParticipant Me)
{
    /// <summary>Open proposals of another time, oldest first.</summary>
    public IReadOnlyList<MeetingProposal> Proposals { get; init; } = [];
}

/// <summary>Reads from the read model only, and only what the asking user takes part in.</summary>
public sealed class MeetingQueries(IDbContextFactory<AppDbContext> contexts, TimeProvider clock)
{
    /// <summary>Page <paramref name="page"/> of the user's meetings on <paramref name="tab"/>, by start (the past and cancelled latest first).</summary>
    public async Task<ListPage<MeetingListItem>> MyMeetingsAsync(Guid userId, MeetingListTab tab, string? search = null, int page = 0,
        CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var mine = db.Set<MeetingParticipant>().AsNoTracking().Where(p => p.UserId == userId);
        mine = tab switch
        {
            MeetingListTab.Upcoming => mine.Where(p => p.Status == MeetingStatus.Scheduled && p.Start >= now.AddHours(-24)),
            MeetingListTab.Past => mine.Where(p => p.Status == MeetingStatus.Finished || (p.Status == MeetingStatus.Scheduled && p.Start < now.AddHours(-24))),
            _ => mine.Where(p => p.Status == MeetingStatus.Cancelled),
        };
        var query = mine.Join(db.Set<MeetingSummary>().AsNoTracking(), p => p.MeetingId, s => s.MeetingId, (p, s) => new { p, s });
        if (!string.IsNullOrWhiteSpace(search)) query = query.Where(x => x.s.SearchTitle.Contains(SearchText.Normalize(search.Trim())));
        query = tab == MeetingListTab.Upcoming
            ? query.OrderBy(x => x.p.Start).ThenBy(x => x.p.MeetingId)
            : query.OrderByDescending(x => x.p.Start).ThenByDescending(x => x.p.MeetingId);
        return await ListPage<MeetingListItem>.ReadAsync(query.Select(x => new MeetingListItem(x.s, x.p.Ordinal < 0, x.p.Response)), page, ct);
    }

    /// <summary>Invitations still waiting for the user's answer, soonest first.</summary>
    public async Task<IReadOnlyList<MeetingSummary>> PendingInvitationsAsync(Guid userId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.Set<MeetingParticipant>().AsNoTracking()
            .Where(p => p.UserId == userId && p.Ordinal >= 0 && p.Response == InvitationResponse.Pending
                && p.Status == MeetingStatus.Scheduled && p.Start >= now)
            .Join(db.Set<MeetingSummary>().AsNoTracking(), p => p.MeetingId, s => s.MeetingId, (p, s) => s)
            .OrderBy(s => s.Start).ToListAsync(ct);
    }

    /// <remarks>
    /// The meeting and its participants in one statement: every open page of the meeting reads this again on each live
    /// change, and on PostgreSQL each statement is a round trip.
    /// </remarks>
    public async Task<MeetingDetails?> GetAsync(Guid meetingId, Guid userId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var found = await db.Set<MeetingSummary>().AsNoTracking().Where(s => s.MeetingId == meetingId)
            .Select(s => new { Summary = s, Participants = db.Set<MeetingParticipant>().Where(p => p.MeetingId == s.MeetingId).OrderBy(p => p.Ordinal).ToList() })
            .SingleOrDefaultAsync(ct);
        if (found?.Participants.Find(p => p.UserId == userId) is not { } me) return null;
        var proposals = found.Summary.OpenProposals == 0 ? [] : await db.Set<MeetingProposal>().AsNoTracking()
            .Where(p => p.MeetingId == meetingId).OrderBy(p => p.Ordinal).ToListAsync(ct);
        return new MeetingDetails(found.Summary, found.Participants, me) { Proposals = proposals };
    }
}
