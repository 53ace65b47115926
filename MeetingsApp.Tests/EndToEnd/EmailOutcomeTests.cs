using MeetingsApp.Data;
using MeetingsApp.Demo;
using MeetingsApp.Email;
using MeetingsApp.Meetings;
using MeetingsApp.Tests.Accounts;
using Microsoft.EntityFrameworkCore;
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
        await app.RunAsync("alice", new ScheduleMeeting(meetingId, "Mail check", null, DateTimeOffset.UtcNow.AddDays(2), TimeSpan.FromHours(1),
            [DemoData.Id("user:bob")]));
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

    [Fact]
    public async Task TheAdminOutbox_ListsAnAccountMail_WithoutItsConfirmationLink()
    {
        var email = $"quinn.{Guid.NewGuid():N}@example.org";
        using (var client = app.CreateBrowserlessClient()) await client.RegisterAsync("Quinn Quay", email, "a long enough password");
        await app.MailAsync(email, "Confirm your e-mail address"); // sent (to the pickup folder)
        var alice = await browser.SignInAsync(app, "alice", "/admin/outbox");

        var row = alice.GetByTestId("outbox").GetByRole(AriaRole.Row).Filter(new() { HasText = email });
        await Assertions.Expect(row).ToContainTextAsync("Confirm your e-mail address for MeetingsApp");
        await Assertions.Expect(row).ToContainTextAsync("account form");
        await Assertions.Expect(row).ToContainTextAsync("sent");
        await row.GetByRole(AriaRole.Button, new() { Name = "address confirmation" }).ClickAsync();
        await Assertions.Expect(alice.GetByTestId("account-mail-withheld")).ToContainTextAsync("Its body is not shown here");
        await Assertions.Expect(alice.GetByTestId("outbox-message")).Not.ToContainTextAsync("ConfirmEmail");
        await alice.Context.CloseAsync();
    }

    [Fact]
    public async Task AFailedMessage_RetriedFromTheAdminOutbox_GoesOut()
    {
        var messageId = $"account.{Guid.NewGuid():N}@meetingsapp";
        var subject = $"Refused once {Guid.NewGuid():N}";
        await using (var db = await app.Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
        {
            db.Add(new OutboxMessage
            {
                Kind = OutboxKind.Account, Purpose = "address confirmation", To = "nobody@example.org", Subject = subject, MessageId = messageId,
                Mime = $"From: meetings@example.org\r\nTo: nobody@example.org\r\nSubject: {subject}\r\nMessage-Id: <{messageId}>\r\n\r\nHello\r\n",
                Status = OutboxStatus.Failed, Attempts = 1, LastError = "550 No such mailbox", CreatedAt = DateTime.UtcNow, NextAttemptAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        }
        var alice = await browser.SignInAsync(app, "alice", "/admin/outbox");

        var row = alice.GetByTestId("outbox").GetByRole(AriaRole.Row).Filter(new() { HasText = subject });
        await Assertions.Expect(row).ToContainTextAsync("550 No such mailbox");
        await row.GetByRole(AriaRole.Button, new() { Name = "Retry" }).ClickAsync();

        await app.MailAsync("nobody@example.org", subject);
        await alice.GetByRole(AriaRole.Button, new() { Name = "Refresh" }).ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("sent");
        await Assertions.Expect(row.GetByRole(AriaRole.Button, new() { Name = "Retry" })).ToHaveCountAsync(0);
        await alice.Context.CloseAsync();
    }
}
