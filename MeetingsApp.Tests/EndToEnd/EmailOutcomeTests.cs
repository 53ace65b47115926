using MeetingsApp.Data;
using MeetingsApp.Demo;
using MeetingsApp.EventStore.Subscriptions;
using MeetingsApp.Meetings;
using Microsoft.Playwright;

namespace MeetingsApp.Tests.EndToEnd;

/// <summary>A side effect's outcome beside the event that caused it: the timeline says who was e-mailed, and when.</summary>
[Collection(BrowserCollection.Name)]
public sealed class EmailOutcomeTests(AppServer app, Browser browser) : IClassFixture<AppServer>
{
    [Fact]
    public async Task TheTimeline_ShowsUnderTheSchedulingWhoTheInvitationWasEmailedTo_AndTheAdminOutboxHasTheMessage()
    {
        var meetingId = Guid.NewGuid();
        var scheduled = await app.Get<MeetingCommandHandler>().HandleAsync(
            new ScheduleMeeting(meetingId, "Mail check", null, DateTimeOffset.UtcNow.AddDays(2), TimeSpan.FromHours(1), [DemoData.Id("user:bob")]),
            new CommandContext(DemoData.Id("user:alice"), Guid.NewGuid()));
        await app.Get<SubscriptionHost<AppDbContext>>().WaitForAsync(scheduled.Appended!.LastPosition, TimeSpan.FromSeconds(20));
        var alice = await browser.SignInAsync(app, "alice", $"/meetings/{meetingId}/timeline");

        // Without an SMTP host the message is written to the pickup folder beside the database, which counts as sent.
        var outcome = alice.GetByTestId("timeline-event").First.GetByTestId("event-outcome").Filter(new() { HasText = "Bob Brown" });
        for (var i = 0; i < 50 && !await outcome.IsVisibleAsync(); i++)
        {
            await Task.Delay(200);
            await alice.ReloadAsync();
        }
        await Assertions.Expect(outcome).ToContainTextAsync("invitation e-mailed to Bob Brown");
        Assert.Contains(Directory.EnumerateFiles(Path.Combine(app.DataFolder, "mail"), "*.eml"),
            file => File.ReadAllText(file).Contains("Subject: Invitation: Mail check"));

        await alice.GotoAsync("admin/outbox");
        await Assertions.Expect(alice.GetByTestId("outbox").GetByText("Invitation: Mail check").First).ToBeVisibleAsync();
        await alice.Context.CloseAsync();
    }
}
