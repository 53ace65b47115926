using MeetingsApp.Accounts;
using MeetingsApp.Data;
using MeetingsApp.Meetings;
using Microsoft.EntityFrameworkCore;

namespace MeetingsApp.Calendar;

/// <summary>
/// Answers "who is busy then" and "when are they all free" from the free/busy read model. Free/busy is visible to every
/// signed-in user of the deployment (who may register follows the registration setting); a meeting's title only to its
/// participants.
/// </summary>
public sealed class FreeBusyQueries(IDbContextFactory<AppDbContext> contexts, Profiles profiles) : IFreeBusy
{
    public async Task<IReadOnlyList<Clash>> ClashesAsync(Guid askingUserId, Guid? meetingId, DateTimeOffset start, DateTimeOffset end,
        IReadOnlyCollection<Guid> people, CancellationToken ct = default)
    {
        if (people.Count == 0 || end <= start) return [];
        await using var db = await contexts.CreateDbContextAsync(ct);
        var busy = await BusyBetween(db, meetingId, people, start.UtcDateTime, end.UtcDateTime)
            .Where(b => b.End > start.UtcDateTime).ToListAsync(ct);
        if (busy.Count == 0) return [];

        var others = busy.Select(b => b.MeetingId).Distinct().ToList();
        var titles = await db.Set<MeetingParticipant>().AsNoTracking()
            .Where(p => p.UserId == askingUserId && others.Contains(p.MeetingId))
            .Join(db.Set<MeetingSummary>(), p => p.MeetingId, s => s.MeetingId, (p, s) => new { s.MeetingId, s.Title })
            .ToDictionaryAsync(m => m.MeetingId, m => m.Title, ct);
        var order = people.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);
        return busy.OrderBy(b => order[b.UserId]).ThenBy(b => b.Start)
            .Select(b => new Clash(b.UserId, b.MeetingId, titles.GetValueOrDefault(b.MeetingId),
                new DateTimeOffset(b.Start, TimeSpan.Zero), new DateTimeOffset(b.End, TimeSpan.Zero)))
            .ToList();
    }

    public async Task<IReadOnlyList<FreeSlot>> SuggestAsync(Guid? meetingId, IReadOnlyCollection<Guid> people, TimeSpan duration,
        DateTimeOffset from, int count, CancellationToken ct = default)
    {
        if (people.Count == 0 || duration <= TimeSpan.Zero) return [];
        var until = from.UtcDateTime + Busy.SuggestionHorizon;
        List<BusyInterval> busy;
        await using (var db = await contexts.CreateDbContextAsync(ct))
            busy = await BusyBetween(db, meetingId, people, from.UtcDateTime, until).OrderBy(b => b.Start).ToListAsync(ct);
        var hours = await profiles.WorkingHoursAsync(people, ct);
        var byPerson = busy.ToLookup(b => b.UserId, b => (b.Start, b.End));
        var availability = people.Where(hours.ContainsKey).Select(p => new Availability(hours[p], byPerson[p].ToList())).ToList();
        return SlotFinder.Find(availability, duration, from.UtcDateTime, until, count);
    }

    /// <summary>Busy rows of <paramref name="people"/> starting before <paramref name="to"/> that may still run at <paramref name="from"/>.</summary>
    private static IQueryable<BusyInterval> BusyBetween(AppDbContext db, Guid? meetingId, IReadOnlyCollection<Guid> people, DateTime from, DateTime to)
    {
        var (earliest, except) = (from - MeetingRules.MaxDuration, meetingId ?? Guid.Empty);
        return db.Set<BusyInterval>().AsNoTracking()
            .Where(b => people.Contains(b.UserId) && b.Start >= earliest && b.Start < to && b.MeetingId != except);
    }
}
