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
