using System.Collections.Concurrent;
using MeetingsApp.Data;
using MeetingsApp.EventStore.Subscriptions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MeetingsApp.Tests.EventStore.Subscriptions;

/// <summary>
/// PostgreSQL's NOTIFY wakes subscribers (<see cref="PostgresLogListener"/>), with polling all but off here so that
/// nothing else can: an append wakes every subscriber of every instance; a moved checkpoint only those that follow
/// another instance. Before, every checkpoint a subscriber committed woke every subscriber to read the log for nothing.
/// </summary>
public sealed class PostgresWakeupTests : DatabaseTest
{
    private readonly List<(ConcurrentBag<long> Told, ConcurrentQueue<long[]> Reads)> _instances = [];

    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;

    private sealed class Recorder(ConcurrentBag<long> told) : ISubscriptionObserver
    {
        public string Subscriber => ThingCounter.SubscriberName;

        public Task CommittedAsync(IReadOnlyList<RecordedEvent> batch, CancellationToken ct)
        {
            foreach (var e in batch) told.Add(e.Position);
            return Task.CompletedTask;
        }
    }

    protected override void Configure(IServiceCollection services)
    {
        base.Configure(services);
        var instance = (Told: new ConcurrentBag<long>(), Reads: new ConcurrentQueue<long[]>());
        _instances.Add(instance);
        services.AddSingleton<ISubscriptionObserver>(new Recorder(instance.Told));
        services.AddEventTypes<ThingEvents>();
        services.RemoveAll<ISubscriber<AppDbContext>>();
        services.AddSingleton<ISubscriber<AppDbContext>, ThingCounter>();
        services.AddSingleton<IEventStore>(sp => new ReadsWrittenDown(sp.GetRequiredService<SqlEventStore>(), instance.Reads));
        services.Configure<SubscriptionOptions>(o => o.PollInterval = TimeSpan.FromHours(1));
    }

    protected override ValueTask SetUpAsync()
    {
        using var connection = OpenConnection();
        ThingCounter.CreateTable(connection);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task AFollowerIsWokenByTheCheckpointItFollows_TheInstanceApplyingIsWokenOnlyByTheAppend()
    {
        await Services.StartSubscriptionsAsync();
        await WaitUntilAsync(Services, SubscriptionState.Running);
        await using var other = await StartAnotherInstanceAsync();
        await other.StartSubscriptionsAsync();
        await WaitUntilAsync(other, SubscriptionState.Following);
        var (leader, follower) = (_instances[0], _instances[1]);
        await Task.Delay(300); // both back to waiting for a wake-up
        leader.Reads.Clear();

        var position = (await Services.Get<IEventStore>().AppendAsync(Guid.NewGuid(), "Thing", 0, [new ThingHappened(1)],
            EventMetadata.ForCommand(Guid.NewGuid(), Guid.NewGuid()))).LastPosition;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(20) && !follower.Told.Contains(position)) await Task.Delay(10);
        Assert.True(follower.Told.Contains(position), "the following instance was not woken by the checkpoint it follows");
        Assert.Contains(position, leader.Told);
        await Task.Delay(300); // whatever else would wake the instance applying it

        Assert.Contains(leader.Reads, r => r.Contains(position));

        // Another instance's checkpoint moving does not wake the instance applying the subscriber; an append does.
        leader.Reads.Clear();
        await NotifyAsync("subscription_checkpoints");
        await Task.Delay(500);
        Assert.Empty(leader.Reads);
        await NotifyAsync("events");
        watch.Restart();
        while (watch.Elapsed < TimeSpan.FromSeconds(20) && leader.Reads.IsEmpty) await Task.Delay(10);
        Assert.NotEmpty(leader.Reads);
    }

    /// <summary>What the migration's triggers send when a row of <paramref name="table"/> is written.</summary>
    private async Task NotifyAsync(string table)
    {
        await using var connection = OpenConnection();
        await using var notify = connection.GetCommand($"NOTIFY {PostgresLogListener.Channel}, '{table}'");
        await notify.ExecuteNonQueryAsync();
    }

    private static async Task WaitUntilAsync(MeetingsApp.Verbs.StandaloneServices instance, SubscriptionState state)
    {
        var host = instance.Get<SubscriptionHost<AppDbContext>>();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(20) && host.Status.Single().State != state) await Task.Delay(10);
        Assert.Equal(state, host.Status.Single().State);
    }
}
