using MeetingsApp.Accounts;
using MeetingsApp.Calendar;

namespace MeetingsApp.Tests.Calendar;

public class SlotFinderTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly TimeZoneInfo Tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
    private static readonly TimeZoneInfo Kolkata = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");
    private static readonly TimeZoneInfo Kathmandu = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kathmandu");
    private static readonly DateTime Monday = new(2026, 12, 7, 0, 0, 0, DateTimeKind.Utc);

    private static Availability Person(TimeZoneInfo zone, params (int FromHour, int ToHour)[] busyOnMonday) =>
        new(new WorkingHours(zone, WorkDays.MondayToFriday, new TimeOnly(9, 0), new TimeOnly(17, 0)),
            [.. busyOnMonday.Select(b => (Monday.AddHours(b.FromHour), Monday.AddHours(b.ToHour)))]);

    [Fact]
    public void TheFirstSlots_AreTheEarliestHalfHoursEveryoneIsFreeAndAtWork()
    {
        // Berlin works 08:00-16:00 UTC in winter; the other one is busy 08:00-09:15 UTC.
        var slots = SlotFinder.Find([Person(Berlin), Person(Berlin, (8, 9))], TimeSpan.FromHours(1), Monday, Monday.AddDays(7), Berlin, 5);

        Assert.Equal([9.0, 9.5, 10, 10.5, 11], slots.Select(s => (s.Start.UtcDateTime - Monday).TotalHours));
        Assert.All(slots, s => Assert.Equal(TimeSpan.FromHours(1), s.End - s.Start));
    }

    [Fact]
    public void EveryonesHours_MustOverlap_ElseTheNextDayIsTried()
    {
        // Berlin 08:00-16:00 UTC, New York 14:00-22:00 UTC: a 90-minute meeting fits 14:00-16:00 UTC only.
        var slots = SlotFinder.Find([Person(Berlin), Person(NewYork)], TimeSpan.FromMinutes(90), Monday, Monday.AddDays(7), NewYork, 3);

        Assert.Equal([Monday.AddHours(14), Monday.AddHours(14.5), Monday.AddDays(1).AddHours(14)], slots.Select(s => s.Start.UtcDateTime));
    }

    [Fact]
    public void NoCommonHours_MeansNoSuggestions_WithinTheHorizon()
    {
        // Tokyo works 00:00-08:00 UTC, New York 14:00-22:00 UTC.
        Assert.Empty(SlotFinder.Find([Person(Tokyo), Person(NewYork)], TimeSpan.FromMinutes(30), Monday, Monday.AddDays(30), Tokyo, 5));
    }

    [Fact]
    public void Weekends_AreNotWorkDays_AndWorkingHoursFollowDaylightSaving()
    {
        // Friday 27 March 2026, Berlin still on CET (UTC+1); Monday 30 March on CEST (UTC+2): 09:00 local is 07:00 UTC.
        var friday = new DateTime(2026, 3, 27, 15, 0, 0, DateTimeKind.Utc);
        var slots = SlotFinder.Find([new Availability(new WorkingHours(Berlin, WorkDays.MondayToFriday, new(9, 0), new(17, 0)), [])],
            TimeSpan.FromHours(1), friday, friday.AddDays(7), Berlin, 2);

        Assert.Equal([new DateTime(2026, 3, 27, 15, 0, 0), new DateTime(2026, 3, 30, 7, 0, 0)], slots.Select(s => s.Start.UtcDateTime));
    }

    [Fact]
    public void Starts_FallOnTheReadersHalfHours_EvenWhereTheZoneIsAQuarterHourOff()
    {
        // Kathmandu is UTC+05:45 and works 09:00-17:00 there (03:15-11:15 UTC): on a grid of UTC half hours the day
        // could only start at 09:15, and a meeting filling it would never be found.
        var slots = SlotFinder.Find([Person(Kathmandu)], TimeSpan.FromHours(8), Monday, Monday.AddDays(7), Kathmandu, 2);
        var halfHours = SlotFinder.Find([Person(Kathmandu)], TimeSpan.FromHours(1), Monday, Monday.AddDays(7), Kathmandu, 2);

        Assert.Equal([Monday.AddHours(3.25), Monday.AddDays(1).AddHours(3.25)], slots.Select(s => s.Start.UtcDateTime));
        Assert.Equal(["09:00", "09:30"], halfHours.Select(s => TimeZoneInfo.ConvertTimeFromUtc(s.Start.UtcDateTime, Kathmandu).ToString("HH:mm")));
    }

    /// <summary>
    /// The promises, on random people: nothing suggested overlaps anyone's busy time or leaves anyone's working hours, and
    /// trying every half hour one by one (the obvious, slow way) finds exactly the same starts, so none was skipped.
    /// </summary>
    [Fact]
    public void RandomCalendars_GetOnlyFreeWorkingSlots_AndNoEarlierOneIsSkipped()
    {
        var random = new Random(20261201);
        TimeZoneInfo[] zones = [Berlin, NewYork, Tokyo, Kolkata, Kathmandu, TimeZoneInfo.Utc];
        for (var round = 0; round < 200; round++)
        {
            var from = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(random.Next(0, 365 * 24 * 60));
            var people = Enumerable.Range(0, random.Next(1, 5)).Select(_ =>
            {
                var fromHour = random.Next(6, 12);
                var hours = new WorkingHours(zones[random.Next(zones.Length)], (WorkDays)random.Next(1, 128),
                    new TimeOnly(fromHour, random.Next(2) * 30), new TimeOnly(random.Next(fromHour + 2, 24), 0));
                var busy = Enumerable.Range(0, random.Next(0, 40))
                    .Select(_ => from.AddMinutes(random.Next(-24 * 60, 14 * 24 * 60)))
                    .Select(start => (start, start.AddMinutes(random.Next(5, 8 * 60)))).OrderBy(b => b.Item1).ToList();
                return new Availability(hours, busy);
            }).ToList();
            var duration = TimeSpan.FromMinutes(15 * random.Next(1, 12));
            var until = from.AddDays(14);
            var reader = zones[random.Next(zones.Length)];

            var found = SlotFinder.Find(people, duration, from, until, reader, 8).Select(s => s.Start.UtcDateTime).ToList();

            foreach (var start in found)
            {
                Assert.All(people, p => Assert.DoesNotContain(p.Busy, b => b.Start < start + duration && b.End > start));
                Assert.All(people, p => Assert.True(AtWork(p.Hours, start, start + duration), $"{start:O} is outside {p.Hours}"));
            }
            Assert.Equal(SlowlyTryingEveryHalfHour(people, duration, from, until, reader, 8), found);
        }
    }

    /// <summary>Every quarter hour of UTC from <paramref name="from"/> on, keeping those on the half hours of <paramref name="reader"/>.</summary>
    private static List<DateTime> SlowlyTryingEveryHalfHour(List<Availability> people, TimeSpan duration, DateTime from, DateTime until,
        TimeZoneInfo reader, int count)
    {
        var starts = new List<DateTime>();
        var start = new DateTime(from.Year, from.Month, from.Day, from.Hour, 0, 0, DateTimeKind.Utc);
        for (; starts.Count < count && start + duration <= until; start = start.AddMinutes(15))
        {
            if (start < from || TimeZoneInfo.ConvertTimeFromUtc(start, reader).Minute % 30 != 0) continue;
            if (people.All(p => AtWork(p.Hours, start, start + duration) && !p.Busy.Any(b => b.Start < start + duration && b.End > start)))
                starts.Add(start);
        }
        return starts;
    }

    private static bool AtWork(WorkingHours hours, DateTime start, DateTime end)
    {
        var (localStart, localEnd) = (TimeZoneInfo.ConvertTimeFromUtc(start, hours.Zone), TimeZoneInfo.ConvertTimeFromUtc(end, hours.Zone));
        return hours.IsWorkDay(localStart.DayOfWeek) && localStart.Date == localEnd.Date
            && TimeOnly.FromDateTime(localStart) >= hours.From && TimeOnly.FromDateTime(localEnd) <= hours.To;
    }
}
