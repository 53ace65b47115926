using System.Globalization;
using System.Text.RegularExpressions;
using MeetingsApp.Demo;
using MeetingsApp.Meetings;
using Microsoft.Playwright;

namespace MeetingsApp.Tests.EndToEnd;

/// <summary>The calendar, the clash warnings and "Suggest times", in Chromium against the app on Kestrel.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CalendarTests(AppServer app, Browser browser) : IClassFixture<AppServer>
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    /// <summary>The demo's sprint planning (Alice organises; Bob and Carol accepted): two days from today, 14:00-15:30 UTC.</summary>
    private static DateTime PlanningUtc => DateTime.UtcNow.Date.AddDays(2).AddHours(14);

    private static string Local(DateTime utc, TimeZoneInfo zone, string format) =>
        TimeZoneInfo.ConvertTimeFromUtc(utc, zone).ToString(format, CultureInfo.InvariantCulture);

    [Fact]
    public async Task CarolSchedulesWithBobWhenBothAreTaken_SeesTheWarning_AndSuggestTimesFillsTheStart()
    {
        var carol = await browser.SignInAsync(app, "carol", "/meetings/new");
        await Browser.WaitForCircuitAsync(carol);
        await carol.GetByLabel("Title").FillAsync("Vendor call");
        var start = carol.GetByLabel("Start", new() { Exact = true });
        await start.FillAsync(Local(PlanningUtc.AddMinutes(30), Berlin, "yyyy-MM-ddTHH:mm"));
        await carol.GetByLabel("Invitees").FillAsync("bob");
        await carol.GetByText("bob@example.com").First.ClickAsync();

        // Beside the start, while she types: both are in the planning, which Carol may see, so it is named.
        var warnings = carol.GetByTestId("clash-warnings");
        var span = $"{Local(PlanningUtc, Berlin, "HH:mm")}–{Local(PlanningUtc.AddMinutes(90), Berlin, "HH:mm")}";
        await Assertions.Expect(warnings).ToContainTextAsync($"You are busy then: Sprint planning, {span}");
        await Assertions.Expect(warnings).ToContainTextAsync($"Bob Brown is busy then: Sprint planning, {span}");

        // "Suggest times" offers free starts; picking one fills the start, and the warning goes.
        await carol.GetByRole(AriaRole.Button, new() { Name = "Suggest times" }).ClickAsync();
        var suggestions = carol.GetByTestId("suggested-time");
        await Assertions.Expect(suggestions).ToHaveCountAsync(8);
        await Browser.ScreenshotAsync(carol, "schedule-clash-and-suggestions");
        var first = (await suggestions.First.TextContentAsync())!.Trim();
        await suggestions.First.ClickAsync();
        var picked = DateTime.ParseExact(first, "ddd d MMM, HH:mm", CultureInfo.InvariantCulture);
        await Assertions.Expect(start).ToHaveValueAsync(new Regex($"-{picked:MM-dd}T{picked:HH:mm}$"));
        await Assertions.Expect(warnings).ToHaveCountAsync(0);

        // Back to the clash, and scheduled anyway: a warning, not a refusal; the meeting page says it once more.
        await start.FillAsync(Local(PlanningUtc.AddMinutes(30), Berlin, "yyyy-MM-ddTHH:mm"));
        await Assertions.Expect(warnings).ToBeVisibleAsync();
        await Browser.ScheduleAsync(carol);
        await Assertions.Expect(carol.GetByText($"Bob Brown is busy then: Sprint planning, {span}.")).ToBeVisibleAsync();
        await carol.Context.CloseAsync();
    }

    [Fact]
    public async Task AlicesOpenCalendar_ShowsAMeetingScheduledElsewhere_AndMovesItLive_InHerZoneFromTheFirstByte()
    {
        var day = DateTime.UtcNow.Date.AddDays(8);
        var meeting = Guid.NewGuid();
        var alice = await browser.SignInAsync(app, "alice", $"/calendar?view=week&date={day:yyyy-MM-dd}", timeZone: "Asia/Tokyo");
        await Browser.WaitForCircuitAsync(alice);
        var tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

        await app.RunAsync("dave", new ScheduleMeeting(meeting, "Tokyo sync", null, new DateTimeOffset(day.AddHours(1), TimeSpan.Zero),
            TimeSpan.FromHours(1), [DemoData.Id("user:alice")]));
        var block = alice.Locator($"a[data-testid=calendar-block][href='meetings/{meeting}']");
        await Assertions.Expect(block).ToContainTextAsync("10:00–11:00 · not answered"); // 01:00 UTC is 10:00 in Tokyo
        await Assertions.Expect(block).ToHaveClassAsync(new Regex("cal-pending"));

        await app.RunAsync("dave", new RescheduleMeeting(meeting, new DateTimeOffset(day.AddHours(3), TimeSpan.Zero), null));
        await Assertions.Expect(block).ToContainTextAsync("12:00–13:00");
        await Browser.ScreenshotAsync(alice, "calendar-week");

        // The first HTML, before any script runs, already has Tokyo's times.
        var html = System.Net.WebUtility.HtmlDecode(
            await (await alice.Context.APIRequest.GetAsync($"calendar?view=day&date={Local(day.AddHours(3), tokyo, "yyyy-MM-dd")}")).TextAsync());
        Assert.Contains("12:00–13:00 · not answered", html);

        // Clicking the block opens the meeting; a free hour opens the form with that start.
        await block.ClickAsync();
        await Assertions.Expect(alice).ToHaveURLAsync(new Regex($"/meetings/{meeting}$"));
        await alice.GoBackAsync();
        // Back on the week once it has read its meetings again: CI once clicked while it was being drawn, and stayed there.
        await Assertions.Expect(block).ToContainTextAsync("12:00–13:00");
        await alice.GetByRole(AriaRole.Link, new() { Name = $"Schedule a meeting on {Local(day.AddHours(6), tokyo, "ddd d MMM")} at 15:00" }).ClickAsync();
        await Assertions.Expect(alice).ToHaveURLAsync(new Regex("/meetings/new\\?start="));
        await Assertions.Expect(alice.GetByLabel("Start", new() { Exact = true })).ToHaveValueAsync($"{Local(day.AddHours(6), tokyo, "yyyy-MM-dd")}T15:00");
        await alice.Context.CloseAsync();
    }
}
