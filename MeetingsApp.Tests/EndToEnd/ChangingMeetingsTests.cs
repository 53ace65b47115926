using MeetingsApp.Data;
using MeetingsApp.Demo;
using MeetingsApp.EventStore.Subscriptions;
using MeetingsApp.Meetings;
using Microsoft.Playwright;

namespace MeetingsApp.Tests.EndToEnd;

/// <summary>An organiser changes a meeting after scheduling it; every open page of every participant follows live.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ChangingMeetingsTests(AppServer app, Browser browser) : IClassFixture<AppServer>
{
    [Fact]
    public async Task AliceRenamesAndInvitesDave_BobAndDaveSeeItLive_DavesMaybeWithANoteReachesAlice()
    {
        var meetingId = Guid.NewGuid();
        var scheduled = await app.Get<MeetingCommandHandler>().HandleAsync(
            new ScheduleMeeting(meetingId, "Offsite plan", null, DateTimeOffset.UtcNow.AddDays(4), TimeSpan.FromHours(1), [DemoData.Id("user:bob")]),
            new CommandContext(DemoData.Id("user:alice"), Guid.NewGuid()));
        await app.Get<SubscriptionHost<AppDbContext>>().WaitForAsync(scheduled.Appended!.LastPosition, TimeSpan.FromSeconds(20));
        var path = $"/meetings/{meetingId}";
        var bob = await browser.SignInAsync(app, "bob", path);
        var dave = await browser.SignInAsync(app, "dave", "/invitations");
        var alice = await browser.SignInAsync(app, "alice", path);

        // Alice fixes the title; Bob's open page shows it.
        await alice.GetByRole(AriaRole.Button, new() { Name = "Edit", Exact = true }).ClickAsync();
        var edit = alice.GetByRole(AriaRole.Dialog);
        await edit.GetByLabel("Title").FillAsync("Offsite planning");
        await edit.GetByLabel("Location").FillAsync("Room 2");
        await edit.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(edit).ToHaveCountAsync(0);
        await Assertions.Expect(bob.GetByTestId("meeting-title")).ToHaveTextAsync("Offsite planning");
        await Assertions.Expect(bob.GetByTestId("meeting-location")).ToContainTextAsync("Room 2");

        // Alice invites Dave; his open invitations page shows it.
        await alice.GetByRole(AriaRole.Button, new() { Name = "Invite people" }).ClickAsync();
        var invite = alice.GetByRole(AriaRole.Dialog);
        await invite.GetByLabel("People to invite").FillAsync("Dave");
        await alice.GetByText("dave@example.com").First.ClickAsync();
        await Assertions.Expect(invite.GetByLabel("Chosen people").GetByText("Dave Davis")).ToBeVisibleAsync();
        await invite.GetByRole(AriaRole.Button, new() { Name = "Invite", Exact = true }).ClickAsync();
        await Assertions.Expect(invite).ToHaveCountAsync(0);
        var invitation = dave.GetByTestId("invitation").Filter(new() { HasText = "Offsite planning" });
        await Assertions.Expect(invitation).ToBeVisibleAsync();
        await Assertions.Expect(bob.GetByTestId("participant").Filter(new() { HasText = "Dave Davis" })).ToBeVisibleAsync();

        // Dave says maybe, with a note; Alice's open page shows both beside his name.
        await invitation.GetByRole(AriaRole.Link, new() { Name = "Offsite planning" }).ClickAsync();
        await Browser.WaitForCircuitAsync(dave);
        await dave.GetByLabel("Note (optional)").FillAsync("only the first half");
        await dave.GetByRole(AriaRole.Button, new() { Name = "Maybe" }).ClickAsync();
        var daveOnAlicesPage = alice.GetByTestId("participant").Filter(new() { HasText = "Dave Davis" });
        await Assertions.Expect(daveOnAlicesPage).ToContainTextAsync("Maybe");
        await Assertions.Expect(daveOnAlicesPage.GetByTestId("participant-note")).ToHaveTextAsync("“only the first half”");
        await Assertions.Expect(alice.GetByTestId("response-counts")).ToHaveTextAsync("0 accepted · 1 maybe · 0 declined · 1 pending");
        await Browser.ScreenshotAsync(alice, "meeting-changed");

        // The timeline tells it in sentences.
        await alice.GotoAsync($"{path.TrimStart('/')}/timeline");
        var events = alice.GetByTestId("timeline-event");
        await Assertions.Expect(events.GetByText("Alice Anderson renamed it from “Offsite plan” to “Offsite planning” and set the location to “Room 2”")).ToBeVisibleAsync();
        await Assertions.Expect(events.GetByText("Alice Anderson invited Dave Davis")).ToBeVisibleAsync();
        await Assertions.Expect(events.GetByText("Dave Davis said maybe: “only the first half”")).ToBeVisibleAsync();

        // Alice removes Dave; his open meeting page says so, and he can no longer open it.
        await alice.GotoAsync(path.TrimStart('/'));
        await Browser.WaitForCircuitAsync(alice);
        await alice.GetByRole(AriaRole.Button, new() { Name = "Remove Dave Davis (dave@example.com)" }).ClickAsync();
        await alice.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Remove" }).ClickAsync();
        await Assertions.Expect(dave.GetByTestId("removed")).ToBeVisibleAsync();
        var again = await dave.GotoAsync(path.TrimStart('/'));
        Assert.Equal(404, again!.Status);

        foreach (var page in new[] { alice, bob, dave }) await page.Context.CloseAsync();
    }
}
