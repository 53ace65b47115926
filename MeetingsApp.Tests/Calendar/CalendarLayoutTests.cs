using MeetingsApp.Calendar;
using MeetingsApp.Meetings;

namespace MeetingsApp.Tests.Calendar;

public class CalendarLayoutTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private static CalendarEntry Entry(string title, DateTime startUtc, int minutes) =>
        new(Guid.NewGuid(), 1, title, startUtc, startUtc.AddMinutes(minutes), MeetingStatus.Scheduled, false, InvitationResponse.Accepted);

    [Theory]
    [InlineData(CalendarView.Week, "2026-12-03", "2026-11-30", "2026-12-06")] // Thursday: its Monday to Sunday
    [InlineData(CalendarView.Day, "2026-12-03", "2026-12-03", "2026-12-03")]
    [InlineData(CalendarView.Month, "2026-12-15", "2026-11-30", "2027-01-03")] // whole weeks around December
    [InlineData(CalendarView.Month, "2027-02-10", "2027-02-01", "2027-02-28")] // February 2027 is exactly four weeks
    public void AView_ShowsWholeDays_WeeksFromMonday(CalendarView view, string date, string first, string last) =>
        Assert.Equal((DateOnly.Parse(first), DateOnly.Parse(last)), CalendarLayout.Days(view, DateOnly.Parse(date)));

    [Fact]
    public void Stepping_MovesByTheView() =>
        Assert.Equal([new DateOnly(2026, 12, 2), new DateOnly(2026, 11, 24), new DateOnly(2027, 1, 31)],
            [CalendarLayout.Step(CalendarView.Day, new(2026, 12, 1), 1), CalendarLayout.Step(CalendarView.Week, new(2026, 12, 1), -1),
             CalendarLayout.Step(CalendarView.Month, new(2026, 12, 31), 1)]);

    [Fact]
    public void NineInTheMorning_IsNineOnTheGrid_InMarchAndInNovember_InBerlinAndNewYork()
    {
        // Berlin: 08:00 UTC in winter, 07:00 UTC in summer; New York: 14:00 UTC in winter, 13:00 UTC in summer.
        (TimeZoneInfo Zone, DateTime Utc)[] nines =
        [
            (Berlin, new(2026, 3, 27, 8, 0, 0, DateTimeKind.Utc)), (Berlin, new(2026, 3, 30, 7, 0, 0, DateTimeKind.Utc)),
            (Berlin, new(2026, 10, 23, 7, 0, 0, DateTimeKind.Utc)), (Berlin, new(2026, 10, 26, 8, 0, 0, DateTimeKind.Utc)),
            (NewYork, new(2026, 3, 6, 14, 0, 0, DateTimeKind.Utc)), (NewYork, new(2026, 3, 9, 13, 0, 0, DateTimeKind.Utc)),
            (NewYork, new(2026, 10, 30, 13, 0, 0, DateTimeKind.Utc)), (NewYork, new(2026, 11, 2, 14, 0, 0, DateTimeKind.Utc)),
        ];
        foreach (var (zone, utc) in nines)
        {
            var date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(utc, zone));
            var (first, last) = CalendarLayout.Days(CalendarView.Week, date);
            var (from, to) = CalendarLayout.Window(first, last, zone);
            var day = CalendarLayout.Lay([Entry("Standup", utc, 30)], first, last, zone).Single(d => d.Blocks.Count > 0);

            Assert.Equal(date, day.Date);
            Assert.Equal((9 * 60.0, 9 * 60 + 30.0), (day.Blocks[0].FromMinute, day.Blocks[0].ToMinute));
            Assert.True(from.UtcDateTime <= utc && utc < to.UtcDateTime);
        }
    }

    [Fact]
    public void TheWeekOfTheSwitch_Is167Hours_FromMidnightToMidnight()
    {
        var (from, to) = CalendarLayout.Window(new DateOnly(2026, 3, 23), new DateOnly(2026, 3, 29), Berlin);

        Assert.Equal(TimeSpan.FromHours(7 * 24 - 1), to - from);
        Assert.Equal(new DateTime(2026, 3, 22, 23, 0, 0), from.UtcDateTime);
    }

    [Fact]
    public void OverlappingMeetings_StandSideBySide_AndTheNextFreeOneTakesTheWholeWidth()
    {
        var day = new DateOnly(2026, 12, 3);
        var nine = new DateTime(2026, 12, 3, 9, 0, 0, DateTimeKind.Utc);
        var layout = CalendarLayout.Lay(
            [Entry("A", nine, 60), Entry("B", nine.AddMinutes(30), 60), Entry("C", nine.AddMinutes(60), 30), Entry("D", nine.AddHours(3), 30)],
            day, day, TimeZoneInfo.Utc).Single();

        var placed = layout.Blocks.ToDictionary(b => b.Entry.Title, b => (b.Column, b.Columns));
        Assert.Equal((0, 2), placed["A"]);
        Assert.Equal((1, 2), placed["B"]);
        Assert.Equal((0, 2), placed["C"]); // A has ended at 10:00, so C takes its column; B still runs beside it
        Assert.Equal((0, 1), placed["D"]);
    }

    [Fact]
    public void AMeetingAcrossMidnight_IsCutIntoOnePiecePerDay()
    {
        var (first, last) = (new DateOnly(2026, 12, 3), new DateOnly(2026, 12, 4));
        var layout = CalendarLayout.Lay([Entry("Night shift", new DateTime(2026, 12, 3, 22, 0, 0, DateTimeKind.Utc), 240)], first, last, TimeZoneInfo.Utc);

        Assert.Equal((22 * 60.0, 24 * 60.0, false, true), (layout[0].Blocks[0].FromMinute, layout[0].Blocks[0].ToMinute, layout[0].Blocks[0].ContinuesBefore, layout[0].Blocks[0].ContinuesAfter));
        Assert.Equal((0.0, 120.0, true, false), (layout[1].Blocks[0].FromMinute, layout[1].Blocks[0].ToMinute, layout[1].Blocks[0].ContinuesBefore, layout[1].Blocks[0].ContinuesAfter));
    }
}
