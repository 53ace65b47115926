using System.Security.Claims;
using Ical.Net;
using MeetingsApp.Accounts;
using MeetingsApp.Data;
using MeetingsApp.Demo;
using MeetingsApp.Email;
using MeetingsApp.EventStore;
using MeetingsApp.EventStore.Subscriptions;
using MeetingsApp.Meetings;
using MeetingsApp.Tests.Accounts;
using MeetingsApp.Tests.EndToEnd;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace MeetingsApp.Tests.Email;

/// <summary>The app on Kestrel sending through MailKit to a real SMTP server on 127.0.0.1; every message parsed back.</summary>
public sealed class EmailDeliveryTests : IAsyncLifetime
{
    private static readonly Guid Alice = DemoData.Id("user:alice"), Bob = DemoData.Id("user:bob"), Carol = DemoData.Id("user:carol");
    private readonly TestSmtpServer _smtp = new();
    private AppServer _app = null!;

    public ValueTask InitializeAsync()
    {
        _app = new AppServer(new Dictionary<string, string?>
        {
            ["Email:Smtp:Host"] = "127.0.0.1", ["Email:Smtp:Port"] = _smtp.Port.ToString(), ["Email:Smtp:Security"] = "None",
            ["Email:FirstRetryDelay"] = "00:00:00.2", ["Email:PollInterval"] = "00:00:00.2",
        });
        return ValueTask.CompletedTask;
    }

    private async Task<CommandResult> DoAsync<T>(T command, Guid actor) where T : IMeetingCommand<T>
    {
        var result = await _app.Get<MeetingCommandHandler>().HandleAsync(command, new CommandContext(actor, Guid.NewGuid()));
        Assert.True(result.Succeeded, result.Error?.Message);
        return result;
    }

    private static IEnumerable<MimeMessage> Of(IEnumerable<MimeMessage> messages, Guid meetingId) =>
        messages.Where(m => CalendarOf(m).Events.Single().Uid == CalendarExport.Uid(meetingId));

    private static Ical.Net.Calendar CalendarOf(MimeMessage message) =>
        Ical.Net.Calendar.Load(message.BodyParts.OfType<TextPart>().Single(p => p.ContentType.MimeType == "text/calendar").Text)!;

    private static (string To, string Method, int Sequence, string Parts) Read(MimeMessage message)
    {
        var calendar = CalendarOf(message);
        var e = calendar.Events.Single();
        return (message.To.Mailboxes.Single().Address, calendar.Method!, e.Sequence,
            string.Join(",", e.Attendees.Select(a => $"{a.CommonName}={a.ParticipationStatus}").Order()));
    }

    [Fact]
    public async Task ScheduleEditAnswerRemoveCancel_EachReachesTheRightMailboxes_AsICalendarThatCalendarsUnderstand()
    {
        _smtp.Start();
        var id = Guid.NewGuid();
        var start = DateTimeOffset.UtcNow.AddDays(5);
        await DoAsync(new ScheduleMeeting(id, "Launch review", "Go or no go", start, TimeSpan.FromHours(1), [Bob, Carol], "Room 5"), Alice);
        var scheduled = await _smtp.WaitForAsync(r => Of(r, id).Count() == 3);
        Assert.Equal([("alice@example.com", "REQUEST", 0, "Bob Brown=NEEDS-ACTION,Carol Clark=NEEDS-ACTION"),
            ("bob@example.com", "REQUEST", 0, "Bob Brown=NEEDS-ACTION,Carol Clark=NEEDS-ACTION"),
            ("carol@example.com", "REQUEST", 0, "Bob Brown=NEEDS-ACTION,Carol Clark=NEEDS-ACTION")], Of(scheduled, id).Select(Read).Order());
        var bobs = Of(scheduled, id).Single(m => m.To.Mailboxes.Single().Address == "bob@example.com");
        var invitation = CalendarOf(bobs).Events.Single();
        Assert.Equal(("Launch review", "Room 5", "mailto:alice@example.com"), (invitation.Summary, invitation.Location, invitation.Organizer!.Value!.ToString()));
        Assert.All(invitation.Attendees, a => Assert.True(a.Rsvp));
        Assert.Contains($"/meetings/{id}?answer=accept", bobs.TextBody);
        Assert.Contains("Launch review", bobs.HtmlBody);

        await DoAsync(new EditMeetingDetails(id, "Launch review (final)", "Go or no go", "Room 5"), Alice);
        await DoAsync(new TentativelyAcceptInvitation(id, "I may be late"), Bob);
        await DoAsync(new RemovePeople(id, [Carol]), Alice);
        await DoAsync(new CancelMeeting(id, "Launch moved"), Alice);
        var all = Of(await _smtp.WaitForAsync(r => Of(r, id).Count() == 11), id).ToList();

        var after = all.Skip(3).Select(Read).ToList();
        Assert.Equal(3, after.Count(m => m is { Method: "REQUEST", Sequence: 1 })); // the edit, to all three
        var reply = Assert.Single(all, m => CalendarOf(m).Method == "REPLY");
        Assert.Equal(("alice@example.com", "Bob Brown=TENTATIVE"), (Read(reply).To, Read(reply).Parts));
        Assert.Equal("I may be late", CalendarOf(reply).Events.Single().Comments.Single());
        Assert.Contains(("carol@example.com", "CANCEL", 2, "Carol Clark=NEEDS-ACTION"), after);
        Assert.Contains(("alice@example.com", "REQUEST", 2, "Bob Brown=TENTATIVE"), after);
        Assert.Equal(["alice@example.com", "bob@example.com"], after.Where(m => m is { Method: "CANCEL", Sequence: 3 }).Select(m => m.To).Order());
        // Exactly once per (event, recipient): no Message-ID arrived twice.
        Assert.Equal(all.Count, all.Select(m => m.MessageId).Distinct().Count());
    }

    [Fact]
    public async Task WhileTheServerIsDown_NothingIsLost_ItAllGoesOutOnceWhenItIsBack_AndACancelNeverOvertakesItsInvitation()
    {
        var id = Guid.NewGuid();
        await DoAsync(new ScheduleMeeting(id, "Budget", null, DateTimeOffset.UtcNow.AddDays(5), TimeSpan.FromHours(1), [Bob]), Alice);
        var cancelled = await DoAsync(new CancelMeeting(id), Alice);
        var outbox = _app.Get<OutboxQueries>();
        // The server is not even listening yet: deliveries fail and are retried.
        await WaitAsync(async () => (await outbox.LatestAsync(null)).Any(m => m.MeetingId == id && m.Attempts >= 2 && m.LastError is not null));
        Assert.All((await outbox.LatestAsync(null)).Where(m => m.MeetingId == id), m => Assert.Equal(OutboxStatus.Pending, m.Status));

        _smtp.Start();
        var received = Of(await _smtp.WaitForAsync(r => Of(r, id).Count() == 4), id).ToList();

        foreach (var to in new[] { "alice@example.com", "bob@example.com" })
            Assert.Equal(["REQUEST", "CANCEL"], received.Where(m => m.To.Mailboxes.Single().Address == to).Select(m => CalendarOf(m).Method));
        await WaitAsync(async () => (await outbox.LatestAsync(null)).Where(m => m.MeetingId == id).All(m => m.Status == OutboxStatus.Sent));
        await Task.Delay(1_000);
        Assert.Equal(4, Of(_smtp.Received, id).Count());

        // A rebuild sends nothing: reactors never run during one, so it writes no outbox row. (Counted in the outbox, not at
        // the server: the demo's own messages, backed off while the server was down, may still be arriving.)
        await using var db = await _app.Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var before = await db.Set<OutboxMessage>().CountAsync();
        await _app.Get<SubscriptionHost<AppDbContext>>().RebuildAsync(MeetingProjection.SubscriberName);
        await Task.Delay(1_000);
        Assert.Equal(before, await db.Set<OutboxMessage>().CountAsync());
        Assert.Equal(4, await db.Set<OutboxMessage>().CountAsync(m => m.MeetingId == id && m.EventPosition <= cancelled.Appended!.LastPosition));
    }

    [Fact]
    public async Task AConfirmationLink_ComesThroughSmtp_AndConfirmsTheAddress()
    {
        _smtp.Start();
        var email = $"sky.{Guid.NewGuid():N}@example.org";
        using var client = _app.CreateBrowserlessClient();
        await client.RegisterAsync("Sky Stone", email, "a long enough password");

        bool ToSky(MimeMessage m) => m.To.Mailboxes.Single().Address == email;
        var mail = (await _smtp.WaitForAsync(r => r.Any(ToSky))).Single(ToSky);

        Assert.Equal("Confirm your e-mail address for MeetingsApp", mail.Subject);
        Assert.StartsWith("account.", mail.MessageId);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await client.ConfirmAsync(mail.ConfirmationPath(), "a long enough password")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/meetings")).StatusCode);
    }

    [Fact]
    public async Task ARefusalForGood_FailsTheRowAtOnce_WithTheServersAnswer_HoldsNothingBack_AndAnAdminMaySendItAgain()
    {
        _smtp.Refusal = "No such mailbox";
        _smtp.Start();
        await using var app = QuickRetrying();
        var id = Guid.NewGuid();
        var before = DateTime.UtcNow;
        await app.Get<MeetingCommandHandler>().HandleAsync(new ScheduleMeeting(id, "Doomed", null, DateTimeOffset.UtcNow.AddDays(2), TimeSpan.FromHours(1), [Bob]),
            new CommandContext(Alice, Guid.NewGuid()));
        var outbox = app.Get<OutboxQueries>();
        async Task<List<OutboxMessage>> RowsAsync() => [.. (await outbox.LatestAsync(null)).Where(m => m.MeetingId == id).OrderBy(m => m.Id)];

        await WaitAsync(async () => (await RowsAsync()).Count(m => m.Status == OutboxStatus.Failed) == 2);
        await Task.Delay(500); // at 50 ms between attempts, a retry would have come by now
        Assert.All(await RowsAsync(), m =>
        {
            Assert.Equal((OutboxStatus.Failed, 1, "550 No such mailbox"), (m.Status, m.Attempts, m.LastError));
            Assert.InRange(m.NextAttemptAt, before, DateTime.UtcNow); // when it became final, which pruning counts from
        });

        // The mailbox exists now. Only an admin may send again, and the message goes out.
        _smtp.Refusal = null;
        var bobs = (await RowsAsync()).Single(m => m.RecipientId == Bob);
        var retry = app.Get<OutboxRetry>();
        Assert.NotNull(await retry.RetryAsync(bobs.Id, new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "bob")], "test"))));
        Assert.Equal(OutboxStatus.Failed, (await outbox.GetAsync(bobs.Id))!.Status);
        Assert.Null(await retry.RetryAsync(bobs.Id, Admin));
        await _smtp.WaitForAsync(r => Of(r, id).Any(m => m.To.Mailboxes.Single().Address == "bob@example.com"));
        await WaitAsync(async () => (await outbox.GetAsync(bobs.Id))!.Status == OutboxStatus.Sent);
        Assert.Equal((2, null), ((await outbox.GetAsync(bobs.Id))!.Attempts, (await outbox.GetAsync(bobs.Id))!.LastError));

        // Alice's failed copy is final: it holds back nothing, so the cancellation after it goes out.
        await app.Get<MeetingCommandHandler>().HandleAsync(new CancelMeeting(id), new CommandContext(Alice, Guid.NewGuid()));
        var received = Of(await _smtp.WaitForAsync(r => Of(r, id).Count() == 3), id).ToList();
        Assert.Equal([("alice@example.com", "CANCEL"), ("bob@example.com", "REQUEST"), ("bob@example.com", "CANCEL")],
            received.Select(m => (m.To.Mailboxes.Single().Address, CalendarOf(m).Method!)).OrderBy(m => m.Address));
        // Sending her invitation now would put it after the cancellation: refused, and it stays failed.
        var hers = (await RowsAsync()).First(m => m.RecipientId == Alice);
        await WaitAsync(async () => (await RowsAsync()).Count(m => m.Status == OutboxStatus.Sent) == 3);
        Assert.Contains("out of order", await retry.RetryAsync(hers.Id, Admin));
        Assert.Equal(OutboxStatus.Failed, (await outbox.GetAsync(hers.Id))!.Status);
    }

    [Fact]
    public async Task ATemporaryRefusal_IsRetriedPastTheOldLimitOfEight_WhileThePageTellsTheTruth_ThenTheMessageGoesOut()
    {
        (_smtp.Refusal, _smtp.RefusalCode) = ("Try again later", (SmtpServer.Protocol.SmtpReplyCode)451);
        _smtp.Start();
        await using var app = QuickRetrying();
        var id = Guid.NewGuid();
        await app.Get<MeetingCommandHandler>().HandleAsync(new ScheduleMeeting(id, "Greylisted", null, DateTimeOffset.UtcNow.AddDays(2), TimeSpan.FromHours(1), [Bob]),
            new CommandContext(Alice, Guid.NewGuid()));
        var outbox = app.Get<OutboxQueries>();
        async Task<List<OutboxMessage>> RowsAsync() => [.. (await outbox.LatestAsync(null)).Where(m => m.MeetingId == id)];

        await WaitAsync(async () => (await RowsAsync()) is { Count: 2 } rows && rows.All(m => m.Attempts >= 10));
        Assert.All(await RowsAsync(), m => Assert.Equal((OutboxStatus.Pending, "451 Try again later"), (m.Status, m.LastError)));
        Assert.Empty(Of(_smtp.Received, id));

        _smtp.Refusal = null;
        await _smtp.WaitForAsync(r => Of(r, id).Count() == 2);
        await WaitAsync(async () => (await RowsAsync()).All(m => m.Status == OutboxStatus.Sent));
    }

    /// <summary>A second app on the same SMTP server that retries every 50 ms, so many attempts fit in a test.</summary>
    private AppServer QuickRetrying() => new(new Dictionary<string, string?>
    {
        ["Email:Smtp:Host"] = "127.0.0.1", ["Email:Smtp:Port"] = _smtp.Port.ToString(), ["Email:Smtp:Security"] = "None",
        ["Email:FirstRetryDelay"] = "00:00:00.05", ["Email:MaxRetryDelay"] = "00:00:00.05", ["Email:PollInterval"] = "00:00:00.05",
    });

    private static readonly ClaimsPrincipal Admin = new(new ClaimsIdentity([new Claim(ClaimTypes.Name, "alice"), new Claim(ClaimTypes.Role, Roles.Admin)], "test"));

    private static async Task WaitAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The outbox did not get there in 30 s.");
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _smtp.DisposeAsync();
    }
}
