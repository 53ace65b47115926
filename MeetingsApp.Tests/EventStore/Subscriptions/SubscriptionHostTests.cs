using MeetingsApp.Data;
using MeetingsApp.EventStore.Subscriptions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MeetingsApp.Tests.EventStore.Subscriptions;

/// <summary>The generic worker on its own test projection: one stream it cannot read or apply parks, the others go on.</summary>
public class SubscriptionHostTests : DatabaseTest
{
    private readonly ThingCounter _projection = new();

    /// <summary>Whether the next instance started knows <see cref="ThingTeleported"/>: an upgraded app version.</summary>
    protected bool KnowsTeleport { get; set; } = true;

    protected override void Configure(IServiceCollection services)
    {
        base.Configure(services);
        services.AddEventTypes<ThingEvents>();
        if (KnowsTeleport) services.AddEventTypes<TeleportEvents>();
        services.RemoveAll<ISubscriber<AppDbContext>>();
        services.AddSingleton<ISubscriber<AppDbContext>>(_projection);
        services.Configure<SubscriptionOptions>(o => o.RetryDelay = TimeSpan.FromMilliseconds(500));
    }

    protected override ValueTask SetUpAsync()
    {
        using var connection = OpenConnection();
        ThingCounter.CreateTable(connection);
        return ValueTask.CompletedTask;
    }

    protected SubscriptionHost<AppDbContext> Host => Services.Get<SubscriptionHost<AppDbContext>>();

    private IEventStore Store => Services.Get<IEventStore>();

    protected async Task<int> CountAsync(Guid stream)
    {
        await using var db = await Services.Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await ThingCounter.CountOfAsync(db, stream);
    }

    protected async Task<long> AppendAsync(Guid stream, int expected, params object[] events) =>
        (await Store.AppendAsync(stream, "Thing", expected, events, EventMetadata.ForCommand(Guid.NewGuid(), Guid.NewGuid()))).LastPosition;

    protected Task<IReadOnlyList<ParkedStreamView>> ParkedAsync() => Services.Get<ParkedStreams<AppDbContext>>().ListAsync();

    private async Task<HealthStatus> HealthAsync() =>
        (await Services.Get<HealthCheckService>().CheckHealthAsync(r => r.Name == "subscriptions")).Status;

    /// <summary>Stream X: v1, then a row written by a newer app (<paramref name="type"/>), then v3; stream Y: two events.</summary>
    protected async Task<(Guid X, Guid Y, long Bad)> ArrangeABadRowAsync(string type)
    {
        var (x, y) = (Guid.NewGuid(), Guid.NewGuid());
        await AppendAsync(x, 0, new ThingHappened(1));
        InsertRawEvent(x, "Thing", type, 2, 1, """{"to":"Mars"}""");
        var bad = await Store.ReadHeadAsync();
        await AppendAsync(x, 2, new ThingHappened(3));
        await AppendAsync(y, 0, new ThingHappened(1), new ThingHappened(2));
        return (x, y, bad);
    }

    private async Task DecideAsync(IParkingDecision decision, Guid admin) =>
        await Host.WaitForAsync((await Services.Get<ParkingDecisions>().RecordAsync(decision, EventMetadata.ForCommand(admin, Guid.NewGuid()))).LastPosition,
            TimeSpan.FromSeconds(10));

    [Fact]
    public async Task AnEventWhoseApplyThrows_ParksItsStream_WhileOthersGoOn_AndRetryAppliesIt()
    {
        var (x, y) = (Guid.NewGuid(), Guid.NewGuid());
        _projection.FailOn = x;
        await Services.StartSubscriptionsAsync();
        var second = await AppendAsync(x, 0, new ThingHappened(1), new ThingHappened(2));
        await Host.WaitForAsync(await AppendAsync(y, 0, new ThingHappened(1), new ThingHappened(2)), TimeSpan.FromSeconds(10));

        var parked = Assert.Single(await ParkedAsync());
        Assert.Equal((x, second, "disk on fire"), (parked.StreamId, parked.Position, parked.Error));
        Assert.Equal((1, 2), (await CountAsync(x), await CountAsync(y))); // X's first event stays applied, its second rolled back
        Assert.Equal(SubscriptionState.Running, Host.Status.Single().State);
        Assert.Equal(HealthStatus.Degraded, await HealthAsync());

        _projection.FailOn = null;
        await DecideAsync(new ParkedStreamRetried(ThingCounter.SubscriberName, x, second, "fixed the disk"), Guid.NewGuid());

        Assert.Equal(2, await CountAsync(x));
        Assert.Empty(await ParkedAsync());
        Assert.Equal(HealthStatus.Healthy, await HealthAsync());
    }

    [Fact]
    public async Task AnUnreadableEvent_ParksOnlyItsStream_AndAfterAnUpgradeRetryAppliesItsEventsInOrder()
    {
        KnowsTeleport = false;
        var old = await StartAnotherInstanceAsync();
        Guid x;
        long bad;
        try
        {
            var oldHost = (await old.StartSubscriptionsAsync()).Get<SubscriptionHost<AppDbContext>>();
            (x, var y, bad) = await ArrangeABadRowAsync("thing_teleported");
            await oldHost.WaitForAsync(await Store.ReadHeadAsync(), TimeSpan.FromSeconds(10));

            var parked = Assert.Single(await ParkedAsync());
            Assert.Equal((x, bad, "thing_teleported", 1), (parked.StreamId, parked.Position, parked.EventType, parked.Waiting));
            Assert.Contains("unknown event type", parked.Error);
            Assert.Equal((1, 2), (await CountAsync(x), await CountAsync(y)));
            Assert.Equal(SubscriptionState.Running, oldHost.Status.Single().State);
            _projection.Applied.Clear();
        }
        finally
        {
            // The upgrade: the old instance stops, this one (which knows the type) takes over, and the operator retries.
            await old.DisposeAsync();
        }
        await Services.StartSubscriptionsAsync();
        await DecideAsync(new ParkedStreamRetried(ThingCounter.SubscriberName, x, bad, "upgraded to the version that knows it"), Guid.NewGuid());

        Assert.Equal(3, await CountAsync(x));
        Assert.Equal([2, 3], _projection.Applied.Where(a => a.Stream == x).Select(a => a.Version));
        Assert.Empty(await ParkedAsync());
    }

    [Fact]
    public async Task Skip_PassesOverTheParkedEvent_AppliesTheRest_AndRecordsWhoSkippedWhatAndWhy()
    {
        await Services.StartSubscriptionsAsync();
        var (x, _, bad) = await ArrangeABadRowAsync("thing_vanished");
        await Host.WaitForAsync(await Store.ReadHeadAsync(), TimeSpan.FromSeconds(10));
        Assert.Equal(bad, Assert.Single(await ParkedAsync()).Position);

        var admin = Guid.NewGuid();
        await DecideAsync(new ParkedEventSkipped(ThingCounter.SubscriberName, x, bad, "written by a test, means nothing"), admin);
        // A second click on the same decision finds nothing parked there: a no-op.
        await DecideAsync(new ParkedEventSkipped(ThingCounter.SubscriberName, x, bad, "clicked twice"), admin);

        Assert.Equal(2, await CountAsync(x));
        Assert.Empty(await ParkedAsync());
        var decision = (await Store.ReadStreamAsync(ParkingEvents.StreamOf(ThingCounter.SubscriberName)))[0];
        Assert.Equal(admin, decision.Metadata.UserId);
        Assert.Equal(new ParkedEventSkipped(ThingCounter.SubscriberName, x, bad, "written by a test, means nothing"), decision.Data);
        // Skipped, never deleted: the row is still in the log.
        Assert.Equal("thing_vanished", Assert.Single(await Store.ReadRowsAsync(bad - 1, 1)).EventType);
    }

    [Fact]
    public async Task WaitingForAPosition_CompletesWhenTheWorkerAppliesIt_OrTimesOutSayingWhereEachStands()
    {
        await Services.StartSubscriptionsAsync();
        var waiting = Host.WaitForAsync(2, TimeSpan.FromSeconds(10));
        Assert.False(waiting.IsCompleted);

        var x = Guid.NewGuid();
        await AppendAsync(x, 0, new ThingHappened(1), new ThingHappened(2));
        await waiting;

        var error = await Assert.ThrowsAsync<TimeoutException>(() => Host.WaitForAsync(3, TimeSpan.FromMilliseconds(200)));
        Assert.Contains($"{ThingCounter.SubscriberName} at 2", error.Message);
        Assert.Equal(2, await CountAsync(x));
    }
}

/// <summary>The same tests on PostgreSQL, and the hand-over of a rolling upgrade.</summary>
public sealed class SubscriptionHostPostgresTests : SubscriptionHostTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;

    [Fact]
    public async Task AnInstanceThatDoesNotKnowAType_HandsTheSubscriberToARunningOneThatDoes_InsteadOfParking()
    {
        KnowsTeleport = false;
        await using var old = await StartAnotherInstanceAsync();
        var oldHost = (await old.StartSubscriptionsAsync()).Get<SubscriptionHost<AppDbContext>>();
        while (oldHost.Status.Single().State != SubscriptionState.Running) await Task.Delay(20);
        await Services.StartSubscriptionsAsync();
        while (Host.Status.Single().State != SubscriptionState.Following) await Task.Delay(20);

        var (x, y, _) = await ArrangeABadRowAsync("thing_teleported");
        await Host.WaitForAsync(await Services.Get<IEventStore>().ReadHeadAsync(), TimeSpan.FromSeconds(20));

        Assert.Empty(await ParkedAsync());
        Assert.Equal((3, 2), (await CountAsync(x), await CountAsync(y)));
        Assert.Equal(SubscriptionState.Running, Host.Status.Single().State);
        Assert.Equal(SubscriptionState.Following, oldHost.Status.Single().State);
    }
}
