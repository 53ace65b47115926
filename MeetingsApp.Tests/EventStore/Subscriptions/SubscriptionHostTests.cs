using MeetingsApp.Data;
using MeetingsApp.EventStore.Subscriptions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MeetingsApp.Tests.EventStore.Subscriptions;

public class SubscriptionHostTests : DatabaseTest
{
    private readonly ThingCounter _projection = new();

    protected override void Configure(IServiceCollection services)
    {
        base.Configure(services);
        services.AddEventTypes<ThingEvents>();
        services.RemoveAll<ISubscriber<AppDbContext>>();
        services.AddSingleton<ISubscriber<AppDbContext>>(_projection);
        services.Configure<SubscriptionOptions>(o => o.RetryDelay = TimeSpan.FromMilliseconds(100));
    }

    protected override ValueTask SetUpAsync()
    {
        using var connection = OpenConnection();
        ThingCounter.CreateTable(connection);
        return ValueTask.CompletedTask;
    }

    private SubscriptionHost<AppDbContext> Host => Services.Get<SubscriptionHost<AppDbContext>>();

    private async Task<(int Summaries, long Checkpoint)> ReadModelAsync()
    {
        await using var db = await Services.Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return (await ThingCounter.CountStreamsAsync(db),
            await db.Set<SubscriptionCheckpoint>().Where(c => c.Name == ThingCounter.SubscriberName).Select(c => c.Position).SingleOrDefaultAsync());
    }

    private async Task<SubscriptionStatus> WaitForStateAsync(SubscriptionState state)
    {
        for (var i = 0; i < 500; i++)
        {
            var status = Host.Status.Single();
            if (status.State == state) return status;
            await Task.Delay(20);
        }
        throw new TimeoutException($"Never {state}: {Host.Status.Single()}");
    }

    private async Task AppendTwoAsync() =>
        // One append of two events: the subscriber sees them in one batch.
        await Services.Get<IEventStore>().AppendAsync(Guid.NewGuid(), "Thing", 0, [new ThingHappened(1), new ThingHappened(2)],
            EventMetadata.ForCommand(Guid.NewGuid(), Guid.NewGuid()));

    [Fact]
    public async Task AFailureInsideABatch_LeavesReadModelAndCheckpointUnchanged_ThenRecovers()
    {
        _projection.Fail = true;
        await Services.StartSubscriptionsAsync();
        await AppendTwoAsync();

        var halted = await WaitForStateAsync(SubscriptionState.Halted);

        Assert.Contains("disk on fire", halted.Error);
        Assert.Equal((0, 0L), await ReadModelAsync());

        _projection.Fail = false;
        await Host.WaitForAsync(2, TimeSpan.FromSeconds(10));
        Assert.Equal((1, 2L), await ReadModelAsync());
        Assert.Equal(SubscriptionState.Running, Host.Status.Single().State);
    }

    [Fact]
    public async Task WaitingForAPosition_CompletesWhenTheWorkerAppliesIt_OrTimesOutSayingWhereEachStands()
    {
        await Services.StartSubscriptionsAsync();
        var waiting = Host.WaitForAsync(2, TimeSpan.FromSeconds(10));
        Assert.False(waiting.IsCompleted);

        await AppendTwoAsync();
        await waiting;

        var error = await Assert.ThrowsAsync<TimeoutException>(() => Host.WaitForAsync(3, TimeSpan.FromMilliseconds(200)));
        Assert.Contains($"{ThingCounter.SubscriberName} at 2", error.Message);
        Assert.Equal((1, 2L), await ReadModelAsync());
    }

    [Fact]
    public async Task AnUnreadableEvent_HaltsTheSubscriberRightBeforeIt_AndIsReported()
    {
        await Services.StartSubscriptionsAsync();
        await AppendTwoAsync();
        InsertRawEvent(Guid.NewGuid(), "Thing", "thing_teleported", 1, 1, "{}");

        var halted = await WaitForStateAsync(SubscriptionState.Halted);

        Assert.Contains("thing_teleported", halted.Error);
        Assert.Contains("unknown event type", halted.Error);
        Assert.Equal(2, halted.Position);
        Assert.Equal((1, 2L), await ReadModelAsync());
    }
}

/// <summary>The same tests on PostgreSQL.</summary>
public sealed class SubscriptionHostPostgresTests : SubscriptionHostTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
