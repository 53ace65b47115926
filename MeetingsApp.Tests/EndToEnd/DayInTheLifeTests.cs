using Microsoft.Playwright;

namespace MeetingsApp.Tests.EndToEnd;

/// <summary>
/// A whole day in Chromium, each person in their own browser profile: Alice schedules with Bob and Carol, Bob
/// accepts, Carol declines, Alice reschedules and then cancels; every page is checked after every step.
/// Screenshots of the main pages land in the test output's screenshots/ folder.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DayInTheLifeTests(AppServer app, Browser browser) : IClassFixture<AppServer>
{
    private static ILocator Button(IPage page, string name) => page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    private static async Task PickInviteeAsync(IPage page, string search, string name)
    {
        await page.GetByLabel("Invitees").FillAsync(search);
        await page.GetByText(name).First.ClickAsync();
        await Assertions.Expect(page.GetByLabel("Invited people").GetByText(name)).ToBeVisibleAsync();
    }

    [Fact]
    public async Task ScheduleAnswerRescheduleCancel()
    {
        var day = DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-dd");
        var alice = await browser.SignInAsync(app, "alice", "/meetings/new");

        // Alice schedules.
        await alice.GetByLabel("Title").FillAsync("Quarterly kickoff");
        await alice.GetByLabel("Description").FillAsync("Goals for the quarter <b>not bold</b>");
        await alice.GetByLabel("Start", new() { Exact = true }).FillAsync($"{day}T10:00");
        await alice.GetByLabel("Duration").FillAsync("45");
        await PickInviteeAsync(alice, "bob", "Bob Brown");
        await PickInviteeAsync(alice, "carol@", "Carol Clark");
        await Browser.ScreenshotAsync(alice, "schedule-form");
        await Browser.ScheduleAsync(alice);
        var meetingPath = new Uri(alice.Url).AbsolutePath;

        await Assertions.Expect(alice.GetByRole(AriaRole.Heading, new() { Name = "Quarterly kickoff" })).ToBeVisibleAsync();
        await Assertions.Expect(alice.GetByTestId("response-counts")).ToHaveTextAsync("0 accepted · 0 maybe · 0 declined · 2 pending");
        await Assertions.Expect(alice.GetByTestId("meeting-when")).ToContainTextAsync("10:00 – 10:45");
        // Text is shown as text, never as markup.
        await Assertions.Expect(alice.GetByText("Goals for the quarter <b>not bold</b>")).ToBeVisibleAsync();

        // Bob accepts from his invitations.
        var bob = await browser.SignInAsync(app, "bob", "/invitations");
        var invitation = bob.GetByTestId("invitation").Filter(new() { HasText = "Quarterly kickoff" });
        await Assertions.Expect(invitation).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(bob, "invitations");
        await invitation.GetByRole(AriaRole.Button, new() { Name = "Accept", Exact = true }).ClickAsync();
        await Assertions.Expect(invitation).ToHaveCountAsync(0);
        await Assertions.Expect(alice.GetByTestId("response-counts")).ToHaveTextAsync("1 accepted · 0 maybe · 0 declined · 1 pending");

        // Carol declines from the meeting page.
        var carol = await browser.SignInAsync(app, "carol", meetingPath);
        await Button(carol, "Decline").ClickAsync();
        await Assertions.Expect(carol.GetByTestId("response-counts")).ToHaveTextAsync("1 accepted · 0 maybe · 1 declined · 0 pending");
        await Assertions.Expect(alice.GetByTestId("response-counts")).ToHaveTextAsync("1 accepted · 0 maybe · 1 declined · 0 pending");

        // Alice moves it to the afternoon; Bob's open page follows.
        await bob.GotoAsync(meetingPath.TrimStart('/'));
        await Browser.WaitForCircuitAsync(bob);
        await Button(alice, "Reschedule").ClickAsync();
        await alice.GetByLabel("New start").FillAsync($"{day}T15:30");
        await Button(alice, "Move meeting").ClickAsync();
        await Assertions.Expect(alice.GetByTestId("meeting-when")).ToContainTextAsync("15:30 – 16:15");
        await Assertions.Expect(bob.GetByTestId("meeting-when")).ToContainTextAsync("15:30 – 16:15");
        await Browser.ScreenshotAsync(alice, "meeting-page");

        // Alice cancels, saying why.
        await Button(alice, "Cancel meeting").ClickAsync();
        await alice.GetByLabel("Reason (optional)").FillAsync("Budget moved to next quarter");
        await alice.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Cancel meeting", Exact = true }).ClickAsync();
        await Assertions.Expect(alice.GetByText("Cancelled: Budget moved to next quarter")).ToBeVisibleAsync();
        await Assertions.Expect(Button(alice, "Reschedule")).ToHaveCountAsync(0);
        await Assertions.Expect(bob.GetByText("Cancelled: Budget moved to next quarter")).ToBeVisibleAsync();

        // Everyone's lists, notifications and the timeline tell the same story.
        await bob.GotoAsync("meetings");
        await Browser.WaitForCircuitAsync(bob);
        await Assertions.Expect(bob.GetByTestId("meeting-list").GetByText("Quarterly kickoff")).ToHaveCountAsync(0);
        await bob.GetByRole(AriaRole.Group, new() { Name = "Which meetings" }).GetByText("Cancelled").ClickAsync();
        await Assertions.Expect(bob.GetByTestId("meeting-list").GetByText("Quarterly kickoff")).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(bob, "meetings-cancelled");
        await bob.GotoAsync("notifications");
        await Browser.WaitForCircuitAsync(bob);
        await Assertions.Expect(bob.GetByText("Alice Anderson cancelled “Quarterly kickoff”: Budget moved to next quarter")).ToBeVisibleAsync();
        await Assertions.Expect(bob.GetByText("Alice Anderson moved “Quarterly kickoff” to")).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(bob, "notifications");
        await alice.GotoAsync($"{meetingPath.TrimStart('/')}/timeline");
        await Browser.WaitForCircuitAsync(alice);
        await Assertions.Expect(alice.GetByTestId("timeline-event")).ToHaveCountAsync(5);
        await Browser.ScreenshotAsync(alice, "timeline");

        foreach (var page in new[] { alice, bob, carol }) await page.Context.CloseAsync();
    }
}
