using MeetingsApp.Shared;

namespace MeetingsApp.Calendar;

public enum CalendarView { Day, Week, Month }

/// <summary>A meeting's block on one day's column: from and to in minutes after that day's midnight, on the wall clock.</summary>
/// <param name="Column">Which of <paramref name="Columns"/> side-by-side columns it takes, so overlapping meetings do not cover each other.</param>
public sealed record CalendarBlock(CalendarEntry Entry, double FromMinute, double ToMinute, int Column, int Columns, bool ContinuesBefore, bool ContinuesAfter);

public sealed record CalendarDay(DateOnly Date, IReadOnlyList<CalendarBlock> Blocks);

/// <summary>
/// Where everything goes on the calendar, in the person's zone: which days a view shows, which UTC window that is, and
/// each meeting's block on each day it touches. Kept out of the markup so it can be tested, daylight saving included.
/// </summary>
public static class CalendarLayout
{
    public const int MinutesPerDay = 24 * 60;

    /// <summary>The days a view of <paramref name="date"/> shows; weeks start on Monday, a month shows whole weeks.</summary>
    public static (DateOnly First, DateOnly Last) Days(CalendarView view, DateOnly date) => view switch
    {
        CalendarView.Day => (date, date),
        CalendarView.Week => (Monday(date), Monday(date).AddDays(6)),
        _ => (Monday(new DateOnly(date.Year, date.Month, 1)),
            Monday(new DateOnly(date.Year, date.Month, 1).AddMonths(1).AddDays(-1)).AddDays(6)),
    };

    /// <summary>The date the "previous" or "next" button moves to.</summary>
    public static DateOnly Step(CalendarView view, DateOnly date, int direction) => view switch
    {
        CalendarView.Day => date.AddDays(direction),
        CalendarView.Week => date.AddDays(7 * direction),
        _ => date.AddMonths(direction),
    };

    /// <summary>The instants from the first day's midnight to the midnight after the last, in <paramref name="zone"/>.</summary>
    public static (DateTimeOffset From, DateTimeOffset To) Window(DateOnly first, DateOnly last, TimeZoneInfo zone) =>
        (Midnight(first, zone), Midnight(last.AddDays(1), zone));

    public static IReadOnlyList<CalendarDay> Lay(IEnumerable<CalendarEntry> entries, DateOnly first, DateOnly last, TimeZoneInfo zone)
    {
        var all = entries.OrderBy(e => e.Start).ThenByDescending(e => e.End).ToList();
        var days = new List<CalendarDay>();
        for (var date = first; date <= last; date = date.AddDays(1))
        {
            var (dayStart, dayEnd) = Window(date, date, zone);
            var midnight = date.ToDateTime(TimeOnly.MinValue);
            var pieces = all.Where(e => e.Start < dayEnd.UtcDateTime && e.End > dayStart.UtcDateTime)
                .Select(e => (Entry: e,
                    From: Math.Max(0, (e.Start.ToZone(zone) - midnight).TotalMinutes),
                    To: Math.Min(MinutesPerDay, (e.End.ToZone(zone) - midnight).TotalMinutes),
                    Before: e.Start < dayStart.UtcDateTime, After: e.End > dayEnd.UtcDateTime))
                .ToList();
            days.Add(new CalendarDay(date, SideBySide(pieces)));
        }
        return days;
    }

    /// <summary>
    /// Puts overlapping pieces side by side: each takes the first column free at its start, and every piece of a group
    /// that overlaps (directly or through others) shares that group's column count.
    /// </summary>
    private static List<CalendarBlock> SideBySide(List<(CalendarEntry Entry, double From, double To, bool Before, bool After)> pieces)
    {
        var blocks = new List<CalendarBlock>();
        var group = new List<(int Index, int Column)>();
        var columnEnds = new List<double>();
        var groupEnd = double.MinValue;
        void Close()
        {
            foreach (var (index, column) in group)
            {
                var p = pieces[index];
                blocks.Add(new CalendarBlock(p.Entry, p.From, Math.Max(p.To, p.From), column, columnEnds.Count, p.Before, p.After));
            }
            (group, columnEnds) = ([], []);
        }
        for (var i = 0; i < pieces.Count; i++)
        {
            var (from, to) = (pieces[i].From, Math.Max(pieces[i].To, pieces[i].From + 1));
            if (from >= groupEnd) Close();
            var column = columnEnds.FindIndex(end => end <= from);
            if (column < 0) { column = columnEnds.Count; columnEnds.Add(to); }
            else columnEnds[column] = to;
            group.Add((i, column));
            groupEnd = group.Count == 1 ? to : Math.Max(groupEnd, to);
        }
        Close();
        return blocks;
    }

    private static DateOnly Monday(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));

    // A few zones skip midnight itself when the clocks go forward; the day then starts when they resume (Times.FromZone).
    private static DateTimeOffset Midnight(DateOnly date, TimeZoneInfo zone) => Times.FromZone(date.ToDateTime(TimeOnly.MinValue), zone);
}
