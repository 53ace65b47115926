using MeetingsApp.Data;
using MeetingsApp.EventStore.Subscriptions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MeetingsApp.Tests.EventStore.Subscriptions;

/// <summary>
/// Open pages wait on the subscribers whose observers push to them; the others (here one without observers, and one whose
/// observer says nobody waits) apply each event only after those did, so that they do not compete with them.
/// </summary>
public class WatchedFirstTests : DatabaseTest
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<(string Subscriber, long Position)> _applied = [];

    private sealed class Recorder(string name, System.Collections.Concurrent.ConcurrentQueue<(string, long)> applied) : ISubscriber<AppDbContext>
    {
        public string Name => name;

        public SubscriberKind Kind => SubscriberKind.Projection;

        public Task ApplyAsync(AppDbContext db, RecordedEvent @event, CancellationToken ct)
        {
            applied.Enqueue((name, @event.Position));
            return Task.CompletedTask;
        }
    }

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
            services.AddSingleton<ISubscriber<AppDbContext>>(new Recorder(name, _applied));
        services.AddSingleton<ISubscriptionObserver>(new Observer("watched", peopleWait: true));
        services.AddSingleton<ISubscriptionObserver>(new Observer("background-observer", peopleWait: false));
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

        var applied = _applied.ToList();
        foreach (var position in positions)
        {
            var order = applied.Where(a => a.Position == position).Select(a => a.Subscriber).ToList();
            Assert.Equal(3, order.Count);
            Assert.Equal("watched", order[0]);
        }
    }
}

public sealed class WatchedFirstPostgresTests : WatchedFirstTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
