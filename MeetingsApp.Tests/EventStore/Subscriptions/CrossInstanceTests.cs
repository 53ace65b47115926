using MeetingsApp.Data;
using System.Collections.Concurrent;
using MeetingsApp.EventStore.Subscriptions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MeetingsApp.Tests.EventStore.Subscriptions;

/// <summary>Two app instances on one database: each projection applies an event once, and both instances hear of it.</summary>
public class CrossInstanceTests : DatabaseTest
{
    private readonly List<Recorder> _recorders = [];

    /// <summary>Remembers what the subscriber told its instance's observers (the live observers' seat in the app).</summary>
    private sealed class Recorder : ISubscriptionObserver
    {
        public ConcurrentBag<(string Subscriber, long Position)> Seen { get; } = [];

        public string Subscriber => ThingCounter.SubscriberName;

        public Task CommittedAsync(IReadOnlyList<RecordedEvent> batch, CancellationToken ct)
        {
            foreach (var e in batch) Seen.Add((Subscriber, e.Position));
            return Task.CompletedTask;
        }
    }

    protected override void Configure(IServiceCollection services)
    {
        base.Configure(services);
        var recorder = new Recorder();
        _recorders.Add(recorder);
        services.AddSingleton<ISubscriptionObserver>(recorder);
        services.AddEventTypes<ThingEvents>();
        services.RemoveAll<ISubscriber<AppDbContext>>();
        services.AddSingleton<ISubscriber<AppDbContext>, ThingCounter>();
    }

    protected override ValueTask SetUpAsync()
    {
        using var connection = OpenConnection();
        ThingCounter.CreateTable(connection);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task AChangeWrittenThroughOneInstance_ReachesTheObserversOfBoth()
    {
        await Services.StartSubscriptionsAsync();
        await using var other = await StartAnotherInstanceAsync();
        await other.StartSubscriptionsAsync();
        // A subscriber starts from the checkpoint it finds, and an instance tells its tabs what happens after it started.
        foreach (var host in new[] { Services, other }.Select(i => i.Get<SubscriptionHost<AppDbContext>>()))
            while (host.Status.Any(s => s.State == SubscriptionState.Starting)) await Task.Delay(10);

        var result = await Services.Get<IEventStore>().AppendAsync(Guid.NewGuid(), "Thing", 0, [new ThingHappened(1)],
            EventMetadata.ForCommand(Guid.NewGuid(), Guid.NewGuid()));
        var position = result.LastPosition;

        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(30) && !_recorders.All(r => r.Seen.Contains((ThingCounter.SubscriberName, position)))) await Task.Delay(20);

        var status = string.Join("; ", new[] { Services, other }.SelectMany(i => i.Get<SubscriptionHost<AppDbContext>>().Status)
            .Select(s => $"{s.Name} at {s.Position} {s.State} {s.Error}"));
        Assert.All(_recorders, r => Assert.True(r.Seen.Contains((ThingCounter.SubscriberName, position)), $"not seen by every instance: {status}"));
        Assert.Equal(2, _recorders.Count);
    }

    /// <summary>
    /// Stream X parks at a row neither instance reads; the operator's skip is applied by whichever instance applies the
    /// subscriber, and the other (following, or finding the checkpoint moved) tells its observers of X's released event too,
    /// though it lies behind its position. Before the skip, neither told of X's waiting event.
    /// </summary>
    [Fact]
    public async Task EventsReleasedByADecision_ReachTheObserversOfBothInstances()
    {
        await Services.StartSubscriptionsAsync();
        await using var other = await StartAnotherInstanceAsync();
        await other.StartSubscriptionsAsync();
        var hosts = new[] { Services, other }.Select(i => i.Get<SubscriptionHost<AppDbContext>>()).ToList();
        foreach (var host in hosts)
            while (host.Status.Any(s => s.State == SubscriptionState.Starting)) await Task.Delay(10);
        var store = Services.Get<IEventStore>();
        EventMetadata Metadata() => EventMetadata.ForCommand(Guid.NewGuid(), Guid.NewGuid()); // a command id of its own each

        var x = Guid.NewGuid();
        await store.AppendAsync(x, "Thing", 0, [new ThingHappened(1)], Metadata());
        InsertRawEvent(x, "Thing", "thing_vanished", 2, 1, """{"to":"nowhere"}""");
        var bad = await store.ReadHeadAsync();
        var waiting = (await store.AppendAsync(x, "Thing", 2, [new ThingHappened(3)], Metadata())).LastPosition;
        var y = (await store.AppendAsync(Guid.NewGuid(), "Thing", 0, [new ThingHappened(1)], Metadata())).LastPosition;
        foreach (var host in hosts) await host.WaitForAsync(y, TimeSpan.FromSeconds(20));
        await WaitUntilEveryoneSawAsync(y, hosts);
        Assert.All(_recorders, r => Assert.DoesNotContain((ThingCounter.SubscriberName, waiting), r.Seen));

        var decided = await Services.Get<ParkingDecisions>().RecordAsync(new ParkedEventSkipped(ThingCounter.SubscriberName, x, bad, "means nothing"), Metadata());
        foreach (var host in hosts) await host.WaitForAsync(decided.LastPosition, TimeSpan.FromSeconds(20));
        await WaitUntilEveryoneSawAsync(waiting, hosts);

        Assert.All(_recorders, r => Assert.Single(r.Seen, s => s.Position == waiting));
        Assert.All(_recorders, r => Assert.DoesNotContain((ThingCounter.SubscriberName, bad), r.Seen));
    }

    private async Task WaitUntilEveryoneSawAsync(long position, IEnumerable<SubscriptionHost<AppDbContext>> hosts)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(20) && !_recorders.All(r => r.Seen.Contains((ThingCounter.SubscriberName, position)))) await Task.Delay(20);
        var status = string.Join("; ", hosts.SelectMany(h => h.Status).Select(s => $"{s.Name} at {s.Position} {s.State} {s.Error}"));
        Assert.All(_recorders, r => Assert.True(r.Seen.Contains((ThingCounter.SubscriberName, position)), $"{position} not seen by every instance: {status}"));
    }
}

/// <summary>The same tests on PostgreSQL.</summary>
public sealed class CrossInstancePostgresTests : CrossInstanceTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
