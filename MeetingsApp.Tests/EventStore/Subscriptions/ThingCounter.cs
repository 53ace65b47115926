using System.Data.Common;
using MeetingsApp.Data;
using MeetingsApp.EventStore.Subscriptions;
using Microsoft.EntityFrameworkCore;

namespace MeetingsApp.Tests.EventStore.Subscriptions;

/// <summary>
/// A projection of the tests' own, over their own table and <see cref="ThingEvents"/>: the subscriptions are tested
/// without anything of meetings. It counts each stream's <see cref="ThingHappened"/> (and <see cref="ThingTeleported"/>)
/// events, remembers the order it applied them in, and can be made to fail on one stream's second event.
/// </summary>
public sealed class ThingCounter : ISubscriber<AppDbContext>
{
    public const string SubscriberName = "thing-counter";

    /// <summary>The stream whose second event throws.</summary>
    public Guid? FailOn { get; set; }

    /// <summary>(stream, version) in the order applied, including tries that were rolled back.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<(Guid Stream, int Version)> Applied { get; } = [];

    public string Name => SubscriberName;

    public SubscriberKind Kind => SubscriberKind.Projection;

    /// <summary>Creates the counter's table in the test's database (the app's migrations know nothing of it).</summary>
    public static void CreateTable(DbConnection connection)
    {
        using var command = connection.GetCommand("CREATE TABLE thing_counts (stream_id text PRIMARY KEY, events integer NOT NULL)");
        command.ExecuteNonQuery();
    }

    public static async Task<int> CountOfAsync(DbContext db, Guid stream) => await db.Database
        .SqlQueryRaw<int>("SELECT events AS \"Value\" FROM thing_counts WHERE stream_id = {0}", stream.ToString()).SingleOrDefaultAsync();

    public static Task<int> CountStreamsAsync(DbContext db) => db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM thing_counts").SingleAsync();

    public async Task ApplyAsync(AppDbContext db, RecordedEvent @event, CancellationToken ct)
    {
        if (@event.Data is not (ThingHappened or ThingTeleported)) return;
        Applied.Enqueue((@event.StreamId, @event.Version));
        await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO thing_counts (stream_id, events) VALUES ({0}, 1) ON CONFLICT (stream_id) DO UPDATE SET events = thing_counts.events + 1",
            [@event.StreamId.ToString()], ct);
        if (FailOn == @event.StreamId && @event.Version == 2) throw new InvalidOperationException("disk on fire");
    }
}

/// <summary>An event type that only an "upgraded" instance of the tests knows.</summary>
public sealed record ThingTeleported(string To);

public sealed class TeleportEvents : IEventTypeMap
{
    public void Map(EventTypeRegistry registry) => registry.Register<ThingTeleported>("thing_teleported");
}
