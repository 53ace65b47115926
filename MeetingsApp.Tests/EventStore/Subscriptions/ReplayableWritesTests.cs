using MeetingsApp.Data;
using MeetingsApp.EventStore.Subscriptions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MeetingsApp.Tests.EventStore.Subscriptions;

/// <summary>
/// A projection's batch can be applied again from the log, so its commit does not wait for the disk (SQLite
/// <c>synchronous = NORMAL</c>, PostgreSQL <c>synchronous_commit = off</c>); a reactor's does, and so does every other
/// connection of the app afterwards: the setting is undone before the connection goes back to the pool.
/// </summary>
public class ReplayableWritesTests : DatabaseTest
{
    private readonly Recorder _projection = new("recorded-projection", SubscriberKind.Projection);
    private readonly Recorder _reactor = new("recorded-reactor", SubscriberKind.Reactor);

    /// <summary>Reads, inside the subscriber's own transaction, how its commit will treat the disk.</summary>
    private sealed class Recorder(string name, SubscriberKind kind) : ISubscriber<AppDbContext>
    {
        public System.Collections.Concurrent.ConcurrentQueue<string> Seen { get; } = [];

        public string Name => name;

        public SubscriberKind Kind => kind;

        public async Task ApplyAsync(AppDbContext db, RecordedEvent @event, CancellationToken ct) =>
            Seen.Enqueue(await DurabilityAsync(db, ct));
    }

    private static async Task<string> DurabilityAsync(AppDbContext db, CancellationToken ct)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = DatabaseProvider.Of(db) == DatabaseProvider.Postgres ? "SHOW synchronous_commit" : "PRAGMA synchronous";
        return Convert.ToString(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture)!;
    }

    /// <summary>What a connection waits for when nothing relaxed it: SQLite FULL (2), PostgreSQL on.</summary>
    private string Durable => Provider == DatabaseProvider.Postgres ? "on" : "2";

    private string Relaxed => Provider == DatabaseProvider.Postgres ? "off" : "1";

    protected override void Configure(IServiceCollection services)
    {
        base.Configure(services);
        services.AddEventTypes<ThingEvents>();
        services.RemoveAll<ISubscriber<AppDbContext>>();
        services.AddSingleton<ISubscriber<AppDbContext>>(_projection);
        services.AddSingleton<ISubscriber<AppDbContext>>(_reactor);
    }

    [Fact]
    public async Task AProjectionCommitsWithoutWaitingForTheDisk_AReactorWaits_AndThePoolKeepsWaiting()
    {
        await Services.StartSubscriptionsAsync();
        var store = Services.Get<IEventStore>();
        long position = 0;
        for (var i = 0; i < 5; i++)
            position = (await store.AppendAsync(Guid.NewGuid(), "Thing", 0, [new ThingHappened(i)], EventMetadata.ForCommand(Guid.NewGuid(), Guid.NewGuid()))).LastPosition;
        await Services.Get<SubscriptionHost<AppDbContext>>().WaitForAsync(position, TimeSpan.FromSeconds(30));

        Assert.Equal(Enumerable.Repeat(Relaxed, 5), _projection.Seen);
        Assert.Equal(Enumerable.Repeat(Durable, 5), _reactor.Seen);
        // Several connections at once, so that the pool hands out every one the subscribers used.
        var contexts = Services.Get<IDbContextFactory<AppDbContext>>();
        var pooled = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            await using var db = await contexts.CreateDbContextAsync();
            await db.Database.OpenConnectionAsync();
            var seen = await DurabilityAsync(db, CancellationToken.None);
            await Task.Delay(100);
            return seen;
        }));
        Assert.All(pooled, seen => Assert.Equal(Durable, seen));
    }
}

public sealed class ReplayableWritesPostgresTests : ReplayableWritesTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
