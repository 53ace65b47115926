using MeetingsApp.Data;
using MeetingsApp.EventStore.Subscriptions;
using MeetingsApp.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MeetingsApp.Tests.EventStore.Subscriptions;

/// <summary>
/// A subscriber that writes only through the change tracker has a batch of one event applied before the transaction
/// opens and saved in it: its rows and the checkpoint commit together, and an event whose writes fail only when saved
/// still parks its own stream, as one whose apply throws does.
/// </summary>
public class AppliedAheadTests : DatabaseTest
{
    private static readonly Guid Bad = Guid.NewGuid();

    /// <summary>A notification row per event; two of the same (event, user) for stream <see cref="Bad"/>, which its unique index refuses.</summary>
    private sealed class Notifier : ISubscriber<AppDbContext>
    {
        public string Name => "test-notifier";

        public SubscriberKind Kind => SubscriberKind.Reactor;

        public bool WritesOnlyThroughChangeTracker => true;

        public Task ApplyAsync(AppDbContext db, RecordedEvent @event, CancellationToken ct)
        {
            for (var i = 0; i < (@event.StreamId == Bad ? 2 : 1); i++)
                db.Add(new Notification { UserId = Bad, EventPosition = @event.Position, MeetingId = @event.StreamId, CreatedAt = DateTime.UtcNow });
            return Task.CompletedTask;
        }
    }

    protected override void Configure(IServiceCollection services)
    {
        base.Configure(services);
        services.AddEventTypes<ThingEvents>();
        services.RemoveAll<ISubscriber<AppDbContext>>();
        services.AddSingleton<ISubscriber<AppDbContext>, Notifier>();
    }

    [Fact]
    public async Task EachEventsRowsCommitWithTheCheckpoint_AndOneWhoseRowsFailOnlyWhenSaved_ParksItsStream()
    {
        await Services.StartSubscriptionsAsync();
        var store = Services.Get<IEventStore>();
        var host = Services.Get<SubscriptionHost<AppDbContext>>();
        var good = Guid.NewGuid();
        async Task<long> AppendAsync(Guid stream, int expected)
        {
            var position = (await store.AppendAsync(stream, "Thing", expected, [new ThingHappened(expected)], EventMetadata.ForCommand(Guid.NewGuid(), Guid.NewGuid()))).LastPosition;
            await host.WaitForAsync(position, TimeSpan.FromSeconds(30)); // one event per batch
            return position;
        }
        await AppendAsync(good, 0);
        var bad = await AppendAsync(Bad, 0);
        await AppendAsync(good, 1);

        var parked = Assert.Single(await Services.Get<ParkedStreams<AppDbContext>>().ListAsync());
        Assert.Equal((Bad, bad), (parked.StreamId, parked.Position));
        Assert.Equal(SubscriptionState.Running, host.Status.Single().State);
        await using var db = await Services.Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        Assert.Equal(2, await db.Set<Notification>().CountAsync(n => n.MeetingId == good));
        Assert.Equal(0, await db.Set<Notification>().CountAsync(n => n.MeetingId == Bad));
    }
}

public sealed class AppliedAheadPostgresTests : AppliedAheadTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
