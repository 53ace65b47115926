using MeetingsApp.Data;
using MeetingsApp.Demo;
using MeetingsApp.EventStore;
using MeetingsApp.EventStore.Subscriptions;
using MeetingsApp.Notifications;

namespace MeetingsApp.Tests.Notifications;

public class NotificationReactorTests : DatabaseTest
{
    protected override async ValueTask SetUpAsync()
    {
        await Services.Provider.SeedDemoDataAsync();
        await Services.StartSubscriptionsAsync();
        await Services.Get<SubscriptionHost<AppDbContext>>().WaitForAsync(await Services.Get<IEventStore>().ReadHeadAsync(), TimeSpan.FromSeconds(20));
    }

    private Task<IReadOnlyList<Notification>> InboxAsync(string login) =>
        Services.Get<NotificationInbox>().LatestAsync(DemoData.Id($"user:{login}"));

    [Fact]
    public async Task PeopleHearOfInvitationsAnswersMovesAndCancellations()
    {
        var dave = await InboxAsync("dave");
        Assert.Contains(dave, n => n is { Kind: NotificationKind.Invited, MeetingTitle: "Sprint planning", ActorName: "Alice Anderson" });
        Assert.Contains(dave, n => n is { Kind: NotificationKind.Rescheduled, MeetingTitle: "Sprint planning", Start: not null });

        var alice = await InboxAsync("alice");
        Assert.Contains(alice, n => n is { Kind: NotificationKind.Accepted, ActorName: "Bob Brown", MeetingTitle: "Sprint planning" });
        Assert.Contains(alice, n => n is { Kind: NotificationKind.Cancelled, MeetingTitle: "Budget sync", Reason: "The numbers are not ready yet." });
        // Nobody is told of their own doing.
        Assert.DoesNotContain(alice, n => n.ActorName == "Alice Anderson");
    }

    [Fact]
    public async Task EditsInvitationsRemovalsAndNotedAnswers_ReachThePeopleTheyConcern()
    {
        var (alice, bob, carol, dave) = (DemoData.Id("user:alice"), DemoData.Id("user:bob"), DemoData.Id("user:carol"), DemoData.Id("user:dave"));
        var handler = Services.Get<MeetingsApp.Meetings.MeetingCommandHandler>();
        var id = Guid.NewGuid();
        async Task Do<T>(T command, Guid actor) where T : MeetingsApp.Meetings.IMeetingCommand<T> =>
            Assert.True((await handler.HandleAsync(command, new MeetingsApp.Meetings.CommandContext(actor, Guid.NewGuid()))).Succeeded);
        await Do(new MeetingsApp.Meetings.ScheduleMeeting(id, "Offsite", null, Clock.GetUtcNow().AddDays(3), TimeSpan.FromHours(1), [bob, carol]), alice);
        await Do(new MeetingsApp.Meetings.EditMeetingDetails(id, "Team offsite", null, "Lake house"), alice);
        await Do(new MeetingsApp.Meetings.InvitePeople(id, [dave]), alice);
        await Do(new MeetingsApp.Meetings.RemovePeople(id, [carol]), alice);
        await Do(new MeetingsApp.Meetings.TentativelyAcceptInvitation(id, "only the first day"), bob);
        await Do(new MeetingsApp.Meetings.RescheduleMeeting(id, Clock.GetUtcNow().AddDays(4), TimeSpan.FromHours(2)), alice);
        await Services.Get<SubscriptionHost<AppDbContext>>().WaitForAsync(await Services.Get<IEventStore>().ReadHeadAsync(), TimeSpan.FromSeconds(20));

        List<(NotificationKind, string, string?)> Told(IReadOnlyList<Notification> inbox) =>
            [.. inbox.Where(n => n.MeetingId == id).OrderBy(n => n.Id).Select(n => (n.Kind, n.MeetingTitle, n.Detail))];
        Assert.Equal([(NotificationKind.Invited, "Offsite", null), (NotificationKind.DetailsChanged, "Team offsite", "renamed from “Offsite”; location: Lake house"),
            (NotificationKind.Rescheduled, "Team offsite", null)], Told(await InboxAsync("bob")));
        // Carol hears of her removal and nothing after it.
        Assert.Equal([(NotificationKind.Invited, "Offsite", null), (NotificationKind.DetailsChanged, "Team offsite", "renamed from “Offsite”; location: Lake house"),
            (NotificationKind.Removed, "Team offsite", null)], Told(await InboxAsync("carol")));
        Assert.Equal([(NotificationKind.Invited, "Team offsite", null), (NotificationKind.Rescheduled, "Team offsite", null)], Told(await InboxAsync("dave")));
        Assert.Equal([(NotificationKind.Tentative, "Team offsite", "only the first day")], Told(await InboxAsync("alice")));
        Assert.Equal(TimeSpan.FromHours(2), (await InboxAsync("dave")).First(n => n.Kind == NotificationKind.Rescheduled).Duration);
    }

    [Fact]
    public async Task AProposalReachesTheOrganiser_AndItsDismissalOrAcceptanceTheProposer()
    {
        var (alice, bob, carol) = (DemoData.Id("user:alice"), DemoData.Id("user:bob"), DemoData.Id("user:carol"));
        var handler = Services.Get<MeetingsApp.Meetings.MeetingCommandHandler>();
        var (id, first, second) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var (start, thursday) = (Clock.GetUtcNow().AddDays(3), Clock.GetUtcNow().AddDays(5));
        async Task Do<T>(T command, Guid actor) where T : MeetingsApp.Meetings.IMeetingCommand<T> =>
            Assert.True((await handler.HandleAsync(command, new MeetingsApp.Meetings.CommandContext(actor, Guid.NewGuid()))).Succeeded);
        await Do(new MeetingsApp.Meetings.ScheduleMeeting(id, "Offsite", null, start, TimeSpan.FromHours(1), [bob, carol]), alice);
        await Do(new MeetingsApp.Meetings.ProposeNewTime(id, first, thursday, TimeSpan.FromMinutes(90), "Clash with standup"), bob);
        await Do(new MeetingsApp.Meetings.DismissProposal(id, first, "The room is taken then"), alice);
        await Do(new MeetingsApp.Meetings.ProposeNewTime(id, second, thursday.AddHours(1)), bob);
        await Do(new MeetingsApp.Meetings.AcceptProposal(id, second), alice);
        await Services.Get<SubscriptionHost<AppDbContext>>().WaitForAsync(await Services.Get<IEventStore>().ReadHeadAsync(), TimeSpan.FromSeconds(20));

        List<(NotificationKind, string, DateTime?, TimeSpan?, string?, string?)> Told(IReadOnlyList<Notification> inbox) =>
            [.. inbox.Where(n => n.MeetingId == id && n.Kind != NotificationKind.Invited).OrderBy(n => n.Id)
                .Select(n => (n.Kind, n.ActorName, n.Start, n.Duration, n.Detail, n.Reason))];
        Assert.Equal([
            (NotificationKind.TimeProposed, "Bob Brown", thursday.UtcDateTime, TimeSpan.FromMinutes(90), "Clash with standup", null),
            (NotificationKind.TimeProposed, "Bob Brown", thursday.AddHours(1).UtcDateTime, TimeSpan.FromHours(1), null, null),
        ], Told(await InboxAsync("alice")));
        Assert.Equal([
            (NotificationKind.ProposalDismissed, "Alice Anderson", thursday.UtcDateTime, TimeSpan.FromMinutes(90), null, "The room is taken then"),
            (NotificationKind.ProposalAccepted, "Alice Anderson", thursday.AddHours(1).UtcDateTime, null, null, null),
        ], Told(await InboxAsync("bob")));
        // Carol hears of the move only, as of any reschedule: she is asked again.
        Assert.Equal([(NotificationKind.Rescheduled, "Alice Anderson", thursday.AddHours(1).UtcDateTime, null, null, null)], Told(await InboxAsync("carol")));
    }

    [Fact]
    public async Task TheUnreadCount_FallsToZeroWhenRead_ForThatUserOnly()
    {
        var inbox = Services.Get<NotificationInbox>();
        var (alice, bob) = (DemoData.Id("user:alice"), DemoData.Id("user:bob"));
        var bobsUnread = await inbox.UnreadCountAsync(bob);
        Assert.True(await inbox.UnreadCountAsync(alice) > 0);

        await inbox.MarkAllReadAsync(alice);

        Assert.Equal(0, await inbox.UnreadCountAsync(alice));
        Assert.Equal(bobsUnread, await inbox.UnreadCountAsync(bob));
    }

    [Fact]
    public async Task EachEventNotifiesEachPersonOnce()
    {
        var all = new List<Notification>();
        foreach (var (login, _) in DemoData.People) all.AddRange(await InboxAsync(login));
        Assert.Equal(all.Count, all.DistinctBy(n => (n.EventPosition, n.UserId)).Count());
    }
}

/// <summary>The same tests on PostgreSQL.</summary>
public sealed class NotificationReactorPostgresTests : NotificationReactorTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
