using MeetingsApp.Accounts;
using MeetingsApp.Data;
using MeetingsApp.Demo;
using MeetingsApp.Email;
using MeetingsApp.EventStore;
using MeetingsApp.EventStore.Subscriptions;
using MeetingsApp.Meetings;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace MeetingsApp.Tests.Email;

/// <summary>The outbox as the reactor fills it: who gets what, rendered from the stream at that event's version, once.</summary>
public class EmailReactorTests : DatabaseTest
{
    private static readonly Guid Alice = DemoData.Id("user:alice"), Bob = DemoData.Id("user:bob"), Carol = DemoData.Id("user:carol");

    protected override async ValueTask SetUpAsync()
    {
        await Services.Provider.SeedDemoDataAsync();
        await Services.StartSubscriptionsAsync();
    }

    private async Task<IReadOnlyList<OutboxMessage>> OutboxOfAsync(Guid meetingId)
    {
        await Services.Get<SubscriptionHost<AppDbContext>>().WaitForAsync(await Services.Get<IEventStore>().ReadHeadAsync(), TimeSpan.FromSeconds(20));
        await using var db = await Services.Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.MeetingId == meetingId).OrderBy(m => m.Id).ToListAsync();
    }

    private Task Do<T>(T command, Guid actor) where T : IMeetingCommand<T> =>
        Services.Get<MeetingCommandHandler>().HandleAsync(command, new CommandContext(actor, Guid.NewGuid()));

    [Fact]
    public async Task OnlyConfirmedAddressesOfPeopleWhoWantMail_GetARow_AndTheOrganiserGetsACopy()
    {
        var unconfirmed = await RegisterAsync("Uma Unconfirmed");
        // Registered before confirmation was asked for: she may sign in, but her address is no more confirmed than Uma's.
        var older = await RegisterAsync("Olga Older");
        await using (var db = await Services.Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
            await db.Users.Where(u => u.Id == older).ExecuteUpdateAsync(s => s.SetProperty(u => u.RegisteredBeforeConfirmation, true));
        Assert.Null(await Services.Get<Profiles>().SaveAsync(Carol, new("Europe/Berlin", EmailNotifications: false, WorkDays.MondayToFriday, new(9, 0), new(17, 0))));
        var id = Guid.NewGuid();

        await Do(new ScheduleMeeting(id, "Offsite", null, Clock.GetUtcNow().AddDays(3), TimeSpan.FromHours(2), [Bob, Carol, unconfirmed, older]), Alice);

        var rows = await OutboxOfAsync(id);
        Assert.Equal([(Alice, "REQUEST", "invitation"), (Bob, "REQUEST", "invitation")],
            rows.Select(r => (r.RecipientId, r.Method, r.Purpose)).OrderBy(r => r.RecipientId == Bob));
        var first = rows[0];
        Assert.Equal($"{first.EventPosition}.{first.RecipientId:N}@meetingsapp", first.MessageId);
    }

    [Fact]
    public async Task EachMessage_IsRenderedFromTheStreamAtItsEvent_NotFromLaterState()
    {
        var id = Guid.NewGuid();
        await Do(new ScheduleMeeting(id, "First title", null, Clock.GetUtcNow().AddDays(3), TimeSpan.FromHours(1), [Bob]), Alice);
        await Do(new EditMeetingDetails(id, "Second title", null, "Room 9"), Alice);

        var toBob = (await OutboxOfAsync(id)).Where(r => r.RecipientId == Bob).ToList();

        Assert.Equal(2, toBob.Count);
        var invitation = MimeMessage.Load(new MemoryStream(System.Text.Encoding.ASCII.GetBytes(toBob[0].Mime)));
        var update = MimeMessage.Load(new MemoryStream(System.Text.Encoding.ASCII.GetBytes(toBob[1].Mime)));
        Assert.StartsWith("Invitation: First title", invitation.Subject);
        Assert.DoesNotContain("Room 9", invitation.TextBody);
        Assert.StartsWith("Updated: Second title", update.Subject);
        Assert.Contains("Where: Room 9", update.TextBody);
        Assert.Equal(toBob[1].MessageId, update.MessageId);
    }

    [Fact]
    public async Task AProposalAndItsDismissal_SendNoMail_ItsAcceptance_SendsEveryoneTheUpdate()
    {
        var (id, dismissed, taken) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await Do(new ScheduleMeeting(id, "Offsite", null, Clock.GetUtcNow().AddDays(3), TimeSpan.FromHours(1), [Bob, Carol]), Alice);
        var invitations = (await OutboxOfAsync(id)).Count;
        await Do(new ProposeNewTime(id, dismissed, Clock.GetUtcNow().AddDays(4), null, "Clash with standup"), Bob);
        await Do(new DismissProposal(id, dismissed), Alice);
        await Do(new ProposeNewTime(id, taken, Clock.GetUtcNow().AddDays(5)), Bob);
        Assert.Equal(invitations, (await OutboxOfAsync(id)).Count); // answers and proposals come back through the app

        await Do(new AcceptProposal(id, taken), Alice);

        var updates = (await OutboxOfAsync(id)).Skip(invitations).ToList();
        Assert.Equal([(Alice, "REQUEST", "update"), (Bob, "REQUEST", "update"), (Carol, "REQUEST", "update")],
            updates.Select(r => (r.RecipientId, r.Method, r.Purpose)).OrderBy(r => r.RecipientId == Alice ? 0 : r.RecipientId == Bob ? 1 : 2));
        MimeMessage To(Guid who) => MimeMessage.Load(new MemoryStream(System.Text.Encoding.ASCII.GetBytes(updates.Single(u => u.RecipientId == who).Mime)));
        Assert.StartsWith("Alice Anderson accepted the time you proposed.", To(Bob).TextBody);
        Assert.StartsWith("Alice Anderson moved this meeting to the time Bob Brown proposed.", To(Carol).TextBody);
        // The calendar part: a new SEQUENCE (accepting is a revision), the proposer accepted, the others asked again.
        var calendar = To(Carol).BodyParts.OfType<TextPart>().Single(p => p.ContentType.MediaSubtype == "calendar").Text
            .ReplaceLineEndings("\n").Replace("\n ", ""); // unfolded: iCalendar wraps long lines
        Assert.Contains("SEQUENCE:1", calendar);
        Assert.Matches("PARTSTAT=ACCEPTED[^\\n]*bob@example.com", calendar);
        Assert.Matches("PARTSTAT=NEEDS-ACTION[^\\n]*carol@example.com", calendar);
    }

    [Fact]
    public async Task ReplayingTheLogToTheReactor_WritesNoSecondRow()
    {
        var id = Guid.NewGuid();
        await Do(new ScheduleMeeting(id, "Once", null, Clock.GetUtcNow().AddDays(3), TimeSpan.FromHours(1), [Bob, Carol]), Alice);
        var before = (await OutboxOfAsync(id)).Select(r => (r.EventPosition, r.RecipientId)).ToList();
        await Services.Get<SubscriptionHost<AppDbContext>>().StopAsync(CancellationToken.None);
        await using (var db = await Services.Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
            await db.Set<SubscriptionCheckpoint>().Where(c => c.Name == EmailReactor.SubscriberName).ExecuteUpdateAsync(s => s.SetProperty(c => c.Position, 0L));

        await using var again = await StartAnotherInstanceAsync();
        await again.StartSubscriptionsAsync();
        await again.Get<SubscriptionHost<AppDbContext>>().WaitForAsync(await again.Get<IEventStore>().ReadHeadAsync(), TimeSpan.FromSeconds(20));

        await using var check = await again.Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        Assert.Equal(before, await check.Set<OutboxMessage>().Where(m => m.MeetingId == id).OrderBy(m => m.Id)
            .Select(m => new ValueTuple<long?, Guid?>(m.EventPosition, m.RecipientId)).ToListAsync());
    }
}

/// <summary>The same tests on PostgreSQL.</summary>
public sealed class EmailReactorPostgresTests : EmailReactorTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
