using MeetingsApp.Data;
using MeetingsApp.Meetings;
using MeetingsApp.Timeline;
using Microsoft.EntityFrameworkCore;

namespace MeetingsApp.Calendar;

/// <summary>One meeting on someone's calendar: an occurrence (start and end), with the person's own part in it.</summary>
public sealed record CalendarEntry(
    Guid MeetingId, int Version, string Title, DateTime Start, DateTime End, MeetingStatus Status, bool IsOrganizer, InvitationResponse Response)
{
    /// <summary>Declined and cancelled meetings are hidden unless the person asks to see them.</summary>
    public bool IsHiddenByDefault => Status == MeetingStatus.Cancelled || Response == InvitationResponse.Declined;
}

/// <summary>A person's meetings in a window of time: now from the read model, or as they were at an instant.</summary>
public sealed class CalendarQueries(IDbContextFactory<AppDbContext> contexts, AsOfQueries asOf)
{
    public async Task<IReadOnlyList<CalendarEntry>> MyCalendarAsync(Guid userId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var (earliest, end) = (from.UtcDateTime - MeetingRules.MaxDuration, to.UtcDateTime);
        var rows = await db.Set<MeetingParticipant>().AsNoTracking()
            .Where(p => p.UserId == userId && p.Start >= earliest && p.Start < end)
            .Join(db.Set<MeetingSummary>().AsNoTracking(), p => p.MeetingId, s => s.MeetingId, (p, s) => new { p, s })
            .ToListAsync(ct);
        return rows.Where(x => x.s.End > from.UtcDateTime).OrderBy(x => x.s.Start)
            .Select(x => new CalendarEntry(x.s.MeetingId, x.s.Version, x.s.Title, x.s.Start, x.s.End, x.s.Status, x.p.IsOrganizer, x.p.Response))
            .ToList();
    }

    /// <summary>The same window as the log had it at <paramref name="instant"/>, from the temporal read model; access follows current membership.</summary>
    public async Task<IReadOnlyList<CalendarEntry>> MyCalendarAsOfAsync(Guid userId, DateTimeOffset instant, DateTimeOffset from, DateTimeOffset to,
        CancellationToken ct = default)
    {
        var past = await asOf.MyCalendarAsync(userId, instant, from, to, ct);
        return past.Select(p => new CalendarEntry(p.MeetingId, p.Version, p.Title, p.Start.UtcDateTime, p.End.UtcDateTime, p.Status, p.IsOrganizer, p.Response))
            .ToList();
    }
}
