using System.Globalization;
using Bunit;
using MeetingsApp.Calendar.Pages;
using MeetingsApp.Demo;
using MeetingsApp.Meetings.Pages;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingsApp.Tests.Calendar;

/// <summary>The calendar page and the clash warnings, over the demo history (times in UTC: no zone cascades here).</summary>
public sealed class CalendarPageTests : BunitTest
{
    // The demo story is written relative to today's midnight (UTC).
    private static DateOnly Day(int offset) => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(offset);

    private IRenderedComponent<CalendarPage> Open(string query)
    {
        Ctx.Services.GetRequiredService<NavigationManager>().NavigateTo($"calendar?{query}");
        return Ctx.Render<CalendarPage>();
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public void TheDay_ShowsAlicesMeetings_AtTheirTimes_PendingOnesMarked_AndEveryFreeHourLinksToTheForm()
    {
        SignIn("alice");

        var page = Open($"view=day&date={Iso(Day(1))}");

        // Bob's design review, 11:00-11:45, which Alice has not answered yet.
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=calendar-block]")));
        var block = page.Find("[data-testid=calendar-block]");
        Assert.Contains("Design review: calendar sync", block.TextContent);
        Assert.Contains("11:00–11:45 · not answered", block.TextContent);
        Assert.Contains("cal-pending", block.ClassList);
        Assert.Equal($"meetings/{DemoData.Id("meeting:design-review")}", block.GetAttribute("href"));
        Assert.Contains("top: calc(4 * var(--cal-hour))", block.GetAttribute("style")); // 11:00 is four hours below 07:00
        var slot = page.FindAll("a.cal-slot").Single(a => a.GetAttribute("href")!.EndsWith("T15:00"));
        Assert.Equal($"meetings/new?start={Iso(Day(1))}T15:00", slot.GetAttribute("href"));
        Assert.StartsWith("Schedule a meeting on ", slot.GetAttribute("aria-label"));
    }

    [Fact]
    public void TheWeek_HidesCancelledMeetings_UntilAskedFor()
    {
        SignIn("alice");
        var budget = $"meetings/{DemoData.Id("meeting:budget")}"; // cancelled, three days from today

        var week = Open($"view=week&date={Iso(Day(3))}");
        week.WaitForAssertion(() => Assert.NotEmpty(week.FindAll("[data-testid=calendar-block]")));
        Assert.DoesNotContain(week.FindAll("[data-testid=calendar-block]"), b => b.GetAttribute("href") == budget);
        Assert.Equal(7, week.FindAll(".cal-dayhead").Count);

        // A hand-edited value is read as "no", as an unreadable date is read as today: the page does not fail on it.
        var edited = Open($"view=week&date={Iso(Day(3))}&all=yes");
        edited.WaitForAssertion(() => Assert.NotEmpty(edited.FindAll("[data-testid=calendar-block]")));
        Assert.DoesNotContain(edited.FindAll("[data-testid=calendar-block]"), b => b.GetAttribute("href") == budget);

        var all = Open($"view=week&date={Iso(Day(3))}&all=true");
        all.WaitForAssertion(() => Assert.Contains(all.FindAll("[data-testid=calendar-block]"), b => b.GetAttribute("href") == budget));
        Assert.Contains("cal-cancelled", all.FindAll("[data-testid=calendar-block]").Single(b => b.GetAttribute("href") == budget).ClassList);
    }

    [Fact]
    public void TheMonth_ListsEachDaysMeetings_AndItsDaysOpenTheDayView()
    {
        SignIn("alice");

        var month = Open($"view=month&date={Iso(Day(2))}");

        month.WaitForAssertion(() => Assert.Contains(month.FindAll("[data-testid=calendar-block]"), b => b.TextContent.Contains("Sprint planning")));
        var planningDay = month.Find($"[data-date='{Iso(Day(2))}']");
        Assert.Contains("14:00 Sprint planning", planningDay.TextContent);
        Assert.EndsWith($"view=day&date={Iso(Day(2))}", planningDay.QuerySelector("a.cal-month-date")!.GetAttribute("href"));
        Assert.Contains("1 meeting", planningDay.QuerySelector("a.cal-month-date")!.GetAttribute("aria-label"));
    }

    [Fact]
    public void PreviousAndNext_AreLinksToTheNeighbouringWeek()
    {
        SignIn("alice");

        var page = Open($"view=week&date={Iso(new DateOnly(2026, 12, 3))}");

        page.WaitForAssertion(() => Assert.Equal("30 Nov – 6 Dec 2026", page.Find("[data-testid=calendar-heading]").TextContent.Trim()));
        Assert.EndsWith("date=2026-11-26", page.FindAll("a").Single(a => a.GetAttribute("aria-label") == "Previous week").GetAttribute("href"));
        Assert.EndsWith("date=2026-12-10", page.FindAll("a").Single(a => a.GetAttribute("aria-label") == "Next week").GetAttribute("href"));
    }

    [Theory]
    [InlineData("view=day&date=9999-12-31")]
    [InlineData("view=day&date=0001-01-01")]
    [InlineData("view=day&date=2026-02-30")]
    public void ADayOutOfRange_IsIgnoredLikeAnyUnreadableDate_AndTodayIsShown(string query)
    {
        SignIn("alice");

        var page = Open(query);

        var today = Day(0).ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture);
        page.WaitForAssertion(() => Assert.Equal(today, page.Find("[data-testid=calendar-heading]").TextContent.Trim()));
    }

    [Fact]
    public void AClash_NamesTheOtherMeetingOnlyToThoseInIt()
    {
        var planningStart = new DateTimeOffset(Day(2).ToDateTime(new TimeOnly(14, 0)), TimeSpan.Zero);
        Action<ComponentParameterCollectionBuilder<ClashWarnings>> At(string login) => p => p
            .Add(c => c.Me, DemoData.Id($"user:{login}"))
            .Add(c => c.Start, planningStart.AddMinutes(30))
            .Add(c => c.Duration, TimeSpan.FromMinutes(30))
            .Add(c => c.People, new[] { DemoData.Id("user:bob") });

        var carol = Ctx.Render<ClashWarnings>(At("carol"));
        var erin = Ctx.Render<ClashWarnings>(At("erin"));

        carol.WaitForAssertion(() => Assert.Equal("Bob Brown is busy then: Sprint planning, 14:00–15:30", carol.Find("[data-testid=clash-warnings]").TextContent.Trim()));
        erin.WaitForAssertion(() => Assert.Equal("Bob Brown is busy then: 14:00–15:30", erin.Find("[data-testid=clash-warnings]").TextContent.Trim()));
    }
}
