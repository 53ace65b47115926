using MeetingsApp.Demo;
using Microsoft.Playwright;

namespace MeetingsApp.Tests.EndToEnd;

[Collection(BrowserCollection.Name)]
public sealed class TimeTravelTests(AppServer app, Browser browser) : IClassFixture<AppServer>
{
    private static readonly Guid Budget = DemoData.Id("meeting:budget"); // scheduled, Alice accepted, cancelled

    [Fact]
    public async Task ScrubbingACancelledMeetingBack_ShowsItScheduledWithNoAnswers_ThenForwardAgain()
    {
        var bob = await browser.SignInAsync(app, "bob", $"/meetings/{Budget}/timeline");
        await Assertions.Expect(bob.GetByTestId("version")).ToHaveTextAsync("Version 3 of 3");
        await Assertions.Expect(bob.GetByTestId("state-status")).ToHaveTextAsync("Cancelled");

        await bob.Locator("input[type=range]").FillAsync("1");

        await Assertions.Expect(bob.GetByTestId("version")).ToHaveTextAsync("Version 1 of 3");
        await Assertions.Expect(bob.GetByTestId("state-status")).ToHaveTextAsync("Scheduled");
        await Assertions.Expect(bob.GetByTestId("state-invitee")).ToHaveTextAsync(["Alice Anderson: Pending", "Bob Brown: Pending"]);
        await Assertions.Expect(bob).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"\?v=1$"));
        await Browser.ScreenshotAsync(bob, "timeline-version-1");

        await bob.Locator(".timeline-scrubber").FocusAsync();
        await bob.Keyboard.PressAsync("ArrowRight");
        await Assertions.Expect(bob.GetByTestId("state-invitee")).ToHaveTextAsync(["Alice Anderson: Accepted", "Bob Brown: Pending"]);
        await bob.Keyboard.PressAsync("ArrowRight");
        await Assertions.Expect(bob.GetByTestId("version")).ToHaveTextAsync("Version 3 of 3");
        await Assertions.Expect(bob.GetByTestId("state-status")).ToHaveTextAsync("Cancelled");

        // A shared link opens at its version.
        await bob.GotoAsync($"meetings/{Budget}/timeline?v=2");
        await Assertions.Expect(bob.GetByTestId("version")).ToHaveTextAsync("Version 2 of 3");
        await bob.Context.CloseAsync();
    }

    [Fact]
    public async Task TheMeetingsListAsOfAnInstant_ShowsThePast_WithAWayBack()
    {
        // Two and a half days ago in the demo story, the budget sync was still on.
        var now = DateTimeOffset.UtcNow;
        var instant = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddDays(-2).AddMinutes(-30);
        var alice = await browser.SignInAsync(app, "alice", $"/meetings?asOf={Uri.EscapeDataString(instant.ToString("O"))}");

        await Assertions.Expect(alice.GetByTestId("past-banner")).ToContainTextAsync("You are looking at the past");
        var budget = alice.GetByTestId("meeting-list").Locator("tr").Filter(new() { HasText = "Budget sync" });
        await Assertions.Expect(budget).ToContainTextAsync("Scheduled");
        await Assertions.Expect(alice.GetByTestId("meeting-list").GetByText("Sprint planning")).ToHaveCountAsync(0);
        await Browser.ScreenshotAsync(alice, "meetings-as-of");

        await alice.GetByTestId("past-banner").GetByText("Back to now").ClickAsync();
        await Assertions.Expect(alice.GetByTestId("past-banner")).ToHaveCountAsync(0);
        await Assertions.Expect(alice.GetByTestId("meeting-list").GetByText("Sprint planning")).ToBeVisibleAsync();

        // And back again, by typing an instant into the picker under the list.
        await alice.GetByLabel("Show my meetings as they were at").FillAsync(instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm"));
        await alice.GetByRole(AriaRole.Button, new() { Name = "Go back in time" }).ClickAsync();
        await Assertions.Expect(alice).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/meetings/as-of\\?at="));
        await Assertions.Expect(alice.GetByTestId("past-banner")).ToContainTextAsync("You are looking at the past");
        await alice.Context.CloseAsync();
    }
}
