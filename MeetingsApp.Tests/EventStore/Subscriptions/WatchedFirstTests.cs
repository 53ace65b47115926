using System.Diagnostics;
using MeetingsApp.Data;
using MeetingsApp.EventStore.Subscriptions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MeetingsApp.Tests.EventStore.Subscriptions;

/// <summary>
/// Open pages wait on the subscribers whose observers push to them; the others (here one without observers, and one whose
/// observer says nobody waits) apply each event only after those did, and after the pages those told have had
/// <see cref="SubscriptionOptions.PagesHeadStart"/> to re-read, so that they do not compete with them.
/// </summary>
public abstract class WatchedFirstTestsBase : DatabaseTest
{
    /// <summary>Longer than here (30 ms) so that a wait for it cannot pass unseen; far shorter than the watched head start.</summary>
    protected static readonly TimeSpan PagesHeadStart = TimeSpan.FromMilliseconds(200);

    protected System.Collections.Concurrent.ConcurrentQueue<(string Subscriber, long Position)> Applied { get; } = [];

    /// <summary>When each subscriber applied each position (<see cref="Stopwatch.GetTimestamp"/>).</summary>
    protected System.Collections.Concurrent.ConcurrentDictionary<(string Subscriber, long Position), long> AppliedAt { get; } = [];

    /// <summary>Records what it applies; the watched one holds its transaction (and SQLite's write gate) while <see cref="Hold"/> is unset.</summary>
    private sealed class Recorder(string name, System.Collections.Concurrent.ConcurrentQueue<(string, long)> applied, WatchedFirstTestsBase test) : ISubscriber<AppDbContext>
    {
        public string Name => name;

        public SubscriberKind Kind => SubscriberKind.Projection;

        public async Task ApplyAsync(AppDbContext db, RecordedEvent @event, CancellationToken ct)
        {
            if (name == "watched" && test.Hold is { } hold)
            {
                test.Holding.TrySetResult();
                await hold.Task.WaitAsync(ct);
            }
            applied.Enqueue((name, @event.Position));
            test.AppliedAt[(name, @event.Position)] = Stopwatch.GetTimestamp();
        }
    }

    protected TaskCompletionSource? Hold { get; set; }

    /// <summary>Set once the watched subscriber has read an event and waits on <see cref="Hold"/> to apply it.</summary>
    protected TaskCompletionSource Holding { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Every read of the log by a subscriber (any of them): the positions it returned.</summary>
    protected System.Collections.Concurrent.ConcurrentQueue<long[]> Reads { get; } = [];

    private sealed class Observer(string subscriber, bool peopleWait) : ISubscriptionObserver
    {
        public string Subscriber => subscriber;

        public bool PeopleWait => peopleWait;

        public Task CommittedAsync(IReadOnlyList<RecordedEvent> batch, CancellationToken ct) => Task.CompletedTask;
    }

    protected override void Configure(IServiceCollection services)
    {
        base.Configure(services);
        services.AddEventTypes<ThingEvents>();
        services.RemoveAll<ISubscriber<AppDbContext>>();
        // The background ones first, so that they are not simply woken first.
        foreach (var name in new[] { "unwatched", "background-observer", "watched" })
            services.AddSingleton<ISubscriber<AppDbContext>>(new Recorder(name, Applied, this));
        services.AddSingleton<ISubscriptionObserver>(new Observer("watched", peopleWait: true));
        services.AddSingleton<ISubscriptionObserver>(new Observer("background-observer", peopleWait: false));
        services.AddSingleton<IEventStore>(sp => new ReadsWrittenDown(sp.GetRequiredService<SqlEventStore>(), Reads));
        // Longer than any hold below, so that only the watched subscriber's progress lets the others go on.
        services.Configure<SubscriptionOptions>(o => (o.WatchedHeadStart, o.PagesHeadStart) = (TimeSpan.FromSeconds(30), PagesHeadStart));
    }

    protected async Task<long> AppendThingAsync(int n) => (await Services.Get<IEventStore>().AppendAsync(Guid.NewGuid(), "Thing", 0,
        [new ThingHappened(n)], EventMetadata.ForCommand(Guid.NewGuid(), Guid.NewGuid()))).LastPosition;

    /// <summary>Starts the subscribers and lets one event through them all, until each waits for the next append again.</summary>
    protected async Task<SubscriptionHost<AppDbContext>> StartedAndQuietAsync()
    {
        await Services.StartSubscriptionsAsync();
        var host = Services.Get<SubscriptionHost<AppDbContext>>();
        await host.WaitForAsync(await AppendThingAsync(0), TimeSpan.FromSeconds(30));
        await Task.Delay(300);
        return host;
    }

    [Fact]
    public async Task EachEvent_IsAppliedByTheWatchedSubscriberFirst()
    {
        await Services.StartSubscriptionsAsync();
        var store = Services.Get<IEventStore>();
        var positions = new List<long>();
        for (var i = 0; i < 10; i++)
        {
            positions.Add((await store.AppendAsync(Guid.NewGuid(), "Thing", 0, [new ThingHappened(i)],
                EventMetadata.ForCommand(Guid.NewGuid(), Guid.NewGuid()))).LastPosition);
            await Services.Get<SubscriptionHost<AppDbContext>>().WaitForAsync(positions[^1], TimeSpan.FromSeconds(30));
        }

        var applied = Applied.ToList();
        foreach (var position in positions)
        {
            var order = applied.Where(a => a.Position == position).Select(a => a.Subscriber).ToList();
            Assert.Equal(3, order.Count);
            Assert.Equal("watched", order[0]);
        }
    }

    [Fact]
    public async Task ALiveChange_ReachesTheBackgroundSubscribersOnlyAPagesHeadStartAfterTheWatchedOneAppliedIt()
    {
        var host = await StartedAndQuietAsync();

        var position = await AppendThingAsync(1);
        await host.WaitForAsync(position, TimeSpan.FromSeconds(30));

        var watched = AppliedAt[("watched", position)];
        Assert.All(new[] { "unwatched", "background-observer" }, background =>
        {
            var after = Stopwatch.GetElapsedTime(watched, AppliedAt[(background, position)]);
            // A timer may fire a millisecond early (CI measured 199 ms once); without the head start it is 2-7 ms.
            Assert.True(after >= PagesHeadStart - TimeSpan.FromMilliseconds(10), $"{background} applied it {after.TotalMilliseconds:F0} ms after the watched subscriber");
        });
    }
}

/// <summary>SQLite, and its write gate.</summary>
public sealed class WatchedFirstTests : WatchedFirstTestsBase
{
    /// <summary>
    /// The background subscribers do not even read an event this process appended until the watched one has applied it: a
    /// read competes for the processor with the live change on its way, and on SQLite blocks a thread while it runs. (On
    /// PostgreSQL the append's own NOTIFY may wake them a moment before the writer has said how far it appended, and then
    /// they read it early; they still apply it only after the watched one, as EachEvent_IsAppliedByTheWatchedSubscriberFirst checks.)
    /// </summary>
    [Fact]
    public async Task TheBackgroundSubscribers_ReadAnEventOnlyOnceTheWatchedOneHasAppliedIt()
    {
        var host = await StartedAndQuietAsync();
        Reads.Clear();

        Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var position = await AppendThingAsync(1);
        await Holding.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await Task.Delay(300); // time enough for the others to read it, were they not waiting
        var readWhileHeld = Reads.Count(r => r.Contains(position));
        Hold.SetResult();
        await host.WaitForAsync(position, TimeSpan.FromSeconds(30));
        await Task.Delay(300); // time enough for any read after the event, were there one

        Assert.Equal(1, readWhileHeld); // the watched subscriber's own read
        // Each read it once, and none read again: a batch shorter than a full one was all there was, so each waits for the
        // next append instead of looking once more.
        Assert.Equal(3, Reads.Count);
        Assert.All(Reads, r => Assert.Contains(position, r));
    }

    /// <summary>
    /// The background subscribers queue at SQLite's write gate behind the watched one and the append of a second event;
    /// when their turn comes, the watched subscriber has not yet applied that event, so they give the turn back first.
    /// (On PostgreSQL, which needs no gate, nobody queues: <see cref="WatchedFirstTestsBase.EachEvent_IsAppliedByTheWatchedSubscriberFirst"/> covers it.)
    /// </summary>
    [Fact]
    public async Task AnEventAppendedWhileTheBackgroundSubscribersQueue_IsAppliedByTheWatchedOneBeforeTheyApplyTheEventBefore()
    {
        await Services.StartSubscriptionsAsync();
        var store = Services.Get<IEventStore>();
        Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = (await store.AppendAsync(Guid.NewGuid(), "Thing", 0, [new ThingHappened(1)], EventMetadata.ForCommand(Guid.NewGuid(), Guid.NewGuid()))).LastPosition;
        var second = store.AppendAsync(Guid.NewGuid(), "Thing", 0, [new ThingHappened(2)], EventMetadata.ForCommand(Guid.NewGuid(), Guid.NewGuid()));
        await Task.Delay(200); // the watched subscriber holds the gate on the first event; the second append queues behind it
        Hold.SetResult();
        var last = (await second).LastPosition;
        await Services.Get<SubscriptionHost<AppDbContext>>().WaitForAsync(last, TimeSpan.FromSeconds(30));

        var applied = Applied.ToList();
        var watchedSecond = applied.IndexOf(("watched", last));
        Assert.True(watchedSecond >= 0);
        Assert.All(new[] { "unwatched", "background-observer" }, background => Assert.True(applied.IndexOf((background, first)) > watchedSecond,
            $"{background} applied position {first} before the watched subscriber applied {last}: {string.Join(", ", applied)}"));
    }
}

public sealed class WatchedFirstPostgresTests : WatchedFirstTestsBase
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

/// <summary>A backlog, read a batch of one event at a time.</summary>
public sealed class WatchedFirstCatchUpTests : WatchedFirstTestsBase
{
    protected override void Configure(IServiceCollection services)
    {
        base.Configure(services);
        services.Configure<SubscriptionOptions>(o => o.BatchSize = 1);
    }

    /// <summary>
    /// The pages' head start is for a live change on its way to them: catching up on events the watched subscriber applied
    /// already, the others do not wait it out batch after batch (ten batches would take two seconds).
    /// </summary>
    [Fact]
    public async Task ABacklogTheWatchedOneHasApplied_TheOthersCatchUpOnWithoutWaitingPerBatch()
    {
        long last = 0;
        for (var i = 0; i < 10; i++) last = await AppendThingAsync(i);
        await Services.StartSubscriptionsAsync();
        await Services.Get<SubscriptionHost<AppDbContext>>().WaitForAsync(last, TimeSpan.FromSeconds(30));

        var watchedDone = AppliedAt[("watched", last)];
        Assert.All(new[] { "unwatched", "background-observer" }, background =>
        {
            var after = Stopwatch.GetElapsedTime(watchedDone, AppliedAt[(background, last)]);
            Assert.True(after < 4 * PagesHeadStart, $"{background} finished {after.TotalMilliseconds:F0} ms after the watched subscriber");
        });
    }
}
