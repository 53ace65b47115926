using MeetingsApp.Accounts;
using MeetingsApp.Shared;
using MeetingsApp.Meetings;

namespace MeetingsApp.Calendar;

/// <summary>One person as "Suggest times" sees them: when they work, and when they are already busy (UTC, sorted by start).</summary>
public sealed record Availability(WorkingHours Hours, IReadOnlyList<(DateTime Start, DateTime End)> Busy);

/// <summary>
/// Finds the earliest starts, on the hours and half hours of one zone's clock, at which a meeting of a given length fits
/// everyone's working hours and nobody's busy time. Pure, so its promises (nothing overlaps, nothing outside working
/// hours, no qualifying start skipped) are tested directly. Instead of trying every grid point it jumps past whatever
/// refused the current one: the end of the busy interval in the way, or the start of the person's next working day.
/// Every start it jumps over is refused for the same reason, so nothing that qualifies is skipped.
/// </summary>
public static class SlotFinder
{
    public static readonly TimeSpan Step = TimeSpan.FromMinutes(30);

    /// <param name="zone">
    /// Whose clock the grid follows: the reader's, so that in Kathmandu (UTC+05:45) the suggestions start at 09:00 and 09:30
    /// there, not at 09:15 and 09:45, and a meeting filling a working day from 09:00 to 17:00 can be found at all.
    /// </param>
    public static IReadOnlyList<FreeSlot> Find(IReadOnlyList<Availability> people, TimeSpan duration, DateTime fromUtc, DateTime untilUtc,
        TimeZoneInfo zone, int count)
    {
        var slots = new List<FreeSlot>();
        var start = OnGrid(fromUtc, zone);
        while (slots.Count < count && start + duration <= untilUtc)
        {
            var next = start;
            foreach (var person in people)
            {
                var refusedUntil = RefusedUntil(person, start, duration);
                if (refusedUntil > next) next = refusedUntil;
            }
            if (next == start)
            {
                slots.Add(new FreeSlot(new DateTimeOffset(start, TimeSpan.Zero), new DateTimeOffset(start + duration, TimeSpan.Zero)));
                next = start + Step;
            }
            start = OnGrid(next, zone);
        }
        return slots;
    }

    /// <summary>Whether <paramref name="person"/> can meet from <paramref name="start"/> for <paramref name="duration"/>.</summary>
    public static bool Fits(Availability person, DateTime start, TimeSpan duration) => RefusedUntil(person, start, duration) == start;

    /// <summary><paramref name="start"/> when the person can meet then; otherwise the earliest instant worth trying next.</summary>
    private static DateTime RefusedUntil(Availability person, DateTime start, TimeSpan duration)
    {
        var end = start + duration;
        if (!AtWork(person.Hours, start, end)) return NextWorkdayStart(person.Hours, start);
        var blockedUntil = start;
        // Sorted by start, and no meeting is longer than the longest allowed: only those starting in this window can overlap.
        for (var i = FirstStartingFrom(person.Busy, start - MeetingRules.MaxDuration); i < person.Busy.Count; i++)
        {
            var (busyStart, busyEnd) = person.Busy[i];
            if (busyStart >= end) break;
            if (busyEnd > start && busyEnd > blockedUntil) blockedUntil = busyEnd;
        }
        return blockedUntil;
    }

    private static int FirstStartingFrom(IReadOnlyList<(DateTime Start, DateTime End)> busy, DateTime from)
    {
        var (low, high) = (0, busy.Count);
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (busy[middle].Start < from) low = middle + 1;
            else high = middle;
        }
        return low;
    }

    private static bool AtWork(WorkingHours hours, DateTime start, DateTime end)
    {
        var (localStart, localEnd) = (TimeZoneInfo.ConvertTimeFromUtc(start, hours.Zone), TimeZoneInfo.ConvertTimeFromUtc(end, hours.Zone));
        return hours.IsWorkDay(localStart.DayOfWeek) && localEnd.Date == localStart.Date
            && TimeOnly.FromDateTime(localStart) >= hours.From && TimeOnly.FromDateTime(localEnd) <= hours.To;
    }

    /// <summary>The first start of a working day that lies after <paramref name="after"/> (a week on when there is none).</summary>
    private static DateTime NextWorkdayStart(WorkingHours hours, DateTime after)
    {
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(after, hours.Zone));
        for (var i = 0; i <= 7; i++, day = day.AddDays(1))
        {
            if (!hours.IsWorkDay(day.DayOfWeek)) continue;
            var utc = Times.FromZone(day.ToDateTime(hours.From), hours.Zone).UtcDateTime;
            if (utc > after) return utc;
        }
        return after.AddDays(7);
    }

    /// <summary>The first instant from <paramref name="utc"/> on whose time in <paramref name="zone"/> is on the hour or the half hour.</summary>
    private static DateTime OnGrid(DateTime utc, TimeZoneInfo zone)
    {
        var local = utc.Ticks + zone.GetUtcOffset(utc).Ticks;
        return new(utc.Ticks + (Step.Ticks - local % Step.Ticks) % Step.Ticks, DateTimeKind.Utc);
    }
}
