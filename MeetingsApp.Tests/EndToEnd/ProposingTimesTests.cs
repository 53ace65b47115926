using MeetingsApp.Demo;
using MeetingsApp.Meetings;
using Microsoft.Playwright;

namespace MeetingsApp.Tests.EndToEnd;

/// <summary>An invitee proposes another time on his open page; the organiser's open page shows it live, she accepts, both pages and both calendars move.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ProposingTimesTests(AppServer app, Browser browser) : IClassFixture<AppServer>
{
    [Fact]
    public async Task BobProposesATime_AliceSeesItLiveAndAcceptsIt_BothPagesShowTheNewTime_BobAsAccepted()
    {
        var meetingId = Guid.NewGuid();
        await app.RunAsync("alice", new ScheduleMeeting(meetingId, "Design sync", null, DateTimeOffset.UtcNow.AddDays(4), TimeSpan.FromHours(1),
            [DemoData.Id("user:bob"), DemoData.Id("user:carol")]));
        var path = $"/meetings/{meetingId}";
        var bob = await browser.SignInAsync(app, "bob", path);
        var alice = await browser.SignInAsync(app, "alice", path);
        var day = DateTime.UtcNow.AddDays(6).ToString("yyyy-MM-dd");
        // Each also keeps their calendar open on the proposed day, in a second tab.
        var calendars = new List<IPage>();
        foreach (var person in new[] { alice, bob })
        {
            var calendar = await person.Context.NewPageAsync();
            await calendar.GotoAsync($"calendar?view=day&date={day}");
            await Browser.WaitForCircuitAsync(calendar);
            calendars.Add(calendar);
        }

        // Bob proposes Berlin's 10:00, for 45 minutes, with a note; the form says which zone it reads.
        await bob.GetByRole(AriaRole.Button, new() { Name = "Propose a new time" }).ClickAsync();
        var propose = bob.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(propose.GetByText("Your time (Europe/Berlin)")).ToBeVisibleAsync();
        await propose.GetByLabel("Proposed start").FillAsync($"{day}T10:00");
        await propose.GetByLabel("Duration").FillAsync("45");
        await propose.GetByLabel("Note (optional)").FillAsync("Clash with standup");
        await propose.GetByRole(AriaRole.Button, new() { Name = "Propose", Exact = true }).ClickAsync();
        await Assertions.Expect(propose).ToHaveCountAsync(0);

        // Alice's open page shows it, with who proposed and why.
        var proposal = alice.GetByTestId("proposal");
        await Assertions.Expect(proposal).ToContainTextAsync("Bob Brown (bob@example.com) proposes");
        await Assertions.Expect(proposal.GetByTestId("proposal-when")).ToContainTextAsync("10:00 – 10:45 (45 min)");
        await Assertions.Expect(proposal.GetByTestId("proposal-note")).ToHaveTextAsync("“Clash with standup”");
        await Browser.ScreenshotAsync(alice, "meeting-proposal");

        // She accepts: one command moves the meeting; both open pages follow, Bob counts as accepted, Carol is asked again.
        await alice.GetByRole(AriaRole.Button, new() { Name = "Accept the time Bob Brown (bob@example.com) proposed" }).ClickAsync();
        await alice.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Move meeting" }).ClickAsync();
        foreach (var page in new[] { alice, bob })
        {
            await Assertions.Expect(page.GetByTestId("meeting-when")).ToContainTextAsync("10:00 – 10:45 (45 min)");
            await Assertions.Expect(page.GetByTestId("participant").Filter(new() { HasText = "Bob Brown" })).ToContainTextAsync("Accepted");
            await Assertions.Expect(page.GetByTestId("response-counts")).ToHaveTextAsync("1 accepted · 0 maybe · 0 declined · 1 pending");
            await Assertions.Expect(page.GetByTestId("proposal")).ToHaveCountAsync(0);
        }
        await Assertions.Expect(bob.GetByTestId("answer")).ToContainTextAsync("Your answer: Accepted");
        foreach (var calendar in calendars)
        {
            var block = calendar.Locator($"a[data-testid=calendar-block][href='meetings/{meetingId}']");
            await Assertions.Expect(block).ToContainTextAsync("10:00–10:45");
            await Assertions.Expect(block).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("cal-accepted")); // Bob counts as accepted
        }

        // The timeline tells it.
        await alice.GotoAsync($"{path.TrimStart('/')}/timeline");
        var events = alice.GetByTestId("timeline-event");
        await Assertions.Expect(events.GetByText("Bob Brown proposed", new() { Exact = false })).ToContainTextAsync("10:00 (45 min): “Clash with standup”");
        await Assertions.Expect(events.GetByText("Alice Anderson accepted Bob Brown’s proposal and moved it", new() { Exact = false })).ToBeVisibleAsync();

        foreach (var page in new[] { alice, bob }) await page.Context.CloseAsync();
    }
}
