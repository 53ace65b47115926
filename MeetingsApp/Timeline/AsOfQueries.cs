using MeetingsApp.Data;
using MeetingsApp.Meetings;
using MeetingsApp.Shared;
using Microsoft.EntityFrameworkCore;

namespace MeetingsApp.Timeline;

/// <summary>A meeting on someone's list as it was at an instant, with their own part in it then.</summary>
public sealed record PastMeeting(
    Guid MeetingId, int Version, string Title, DateTimeOffset Start, TimeSpan Duration, MeetingStatus Status,
    int Accepted, int Tentative, int Declined, int Pending, bool IsOrganizer, InvitationResponse Response)
{
    public DateTimeOffset End => Start + Duration;
}

/// <summary>
/// "My meetings as they were at an instant", read from the temporal read model (<see cref="MeetingVersionProjection"/>): the
/// version of each meeting whose validity holds that instant, which is the state a fold of the events written up to it
/// reaches. Membership changes over time and access follows current membership: a meeting shows to a user who took part
/// in it at that instant (a row of theirs is valid then) and still does now (the meeting's latest version says so, which is
/// what the current participants table says too).
/// </summary>
public sealed class AsOfQueries(IDbContextFactory<AppDbContext> contexts)
{
    /// <summary>Page <paramref name="page"/> of the user's meetings as they were at <paramref name="instant"/>, by start.</summary>
    public async Task<ListPage<PastMeeting>> MyMeetingsAsync(Guid userId, DateTimeOffset instant, int page = 0, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await ListPage<PastRow>.ReadAsync(InOrder(MyMeetings(db, userId, instant)), page, ct);
        return rows.Select(ToPastMeeting);
    }

    /// <summary>
    /// The user's meetings as they were at <paramref name="instant"/> that overlap [<paramref name="from"/>, <paramref name="to"/>),
    /// by start; declined and cancelled ones too (the caller decides what to show).
    /// </summary>
    public async Task<IReadOnlyList<PastMeeting>> MyCalendarAsync(Guid userId, DateTimeOffset instant, DateTimeOffset from, DateTimeOffset to,
        CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return (await InOrder(MyCalendar(db, userId, instant, from, to)).ToListAsync(ct)).ConvertAll(ToPastMeeting);
    }

    /// <summary>
    /// The user's rows valid at <paramref name="instant"/> of meetings they are in now. Served by the index on
    /// (user, still takes part, valid to, valid from): one range of the rows still valid after the instant, filtered in
    /// the index by "valid from" (the tests show the plans).
    /// </summary>
    internal static IQueryable<MeetingVersionParticipant> MyMeetings(AppDbContext db, Guid userId, DateTimeOffset instant)
    {
        var (at, now) = (instant.UtcDateTime, true); // a parameter, not "WHERE StillTakesPart", so it is an equality on the index's column
        return db.Set<MeetingVersionParticipant>().AsNoTracking()
            .Where(r => r.UserId == userId && r.StillTakesPart == now && r.ValidTo > at && r.ValidFrom <= at);
    }

    /// <summary>
    /// <see cref="MyMeetings"/> overlapping the window, as two ranges of the index on (user, long, start): meetings of usual
    /// length that start inside the window or at most <see cref="MeetingVersionParticipant.LongerThan"/> before it, and the
    /// (normally no) longer ones that start before its end.
    /// </summary>
    internal static IQueryable<MeetingVersionParticipant> MyCalendar(AppDbContext db, Guid userId, DateTimeOffset instant, DateTimeOffset from, DateTimeOffset to)
    {
        var (start, end) = (from.UtcDateTime, to.UtcDateTime);
        var earliest = start - MeetingVersionParticipant.LongerThan;
        // Compared with parameters, not written as "IsLong" / "NOT IsLong", so that each is an equality on the index's column.
        var (usual, longer) = (false, true);
        return MyMeetings(db, userId, instant).Where(r => r.IsLong == usual && r.Start >= earliest && r.Start < end && r.End > start)
            .Concat(MyMeetings(db, userId, instant).Where(r => r.IsLong == longer && r.Start < end && r.End > start));
    }

    /// <summary>The listed columns, by start (and meeting, so that pages neither repeat nor skip a row).</summary>
    private static IQueryable<PastRow> InOrder(IQueryable<MeetingVersionParticipant> rows) =>
        rows.OrderBy(r => r.Start).ThenBy(r => r.MeetingId).Select(r => new PastRow(r.MeetingId, r.Version, r.Title, r.Start, r.Duration, r.Status,
            r.Accepted, r.Tentative, r.Declined, r.Pending, r.IsOrganizer, r.Response));

    private static PastMeeting ToPastMeeting(PastRow r) => new(r.MeetingId, r.Version, r.Title, new DateTimeOffset(r.Start, TimeSpan.Zero), r.Duration,
        r.Status, r.Accepted, r.Tentative, r.Declined, r.Pending, r.IsOrganizer, r.Response);

    /// <summary>A row as read, its start a UTC <see cref="DateTime"/> as the model stores it.</summary>
    private sealed record PastRow(Guid MeetingId, int Version, string Title, DateTime Start, TimeSpan Duration, MeetingStatus Status,
        int Accepted, int Tentative, int Declined, int Pending, bool IsOrganizer, InvitationResponse Response);
}
