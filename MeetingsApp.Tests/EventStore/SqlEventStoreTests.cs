using System.Text.Json.Nodes;
using MeetingsApp.EventStore;
using System.Data.Common;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingsApp.Tests.EventStore;

public sealed record ThingHappened(int Number);

public sealed record ThingRenamed(string Name);

/// <summary>Test payloads of their own: the store knows nothing of meetings.</summary>
public sealed class ThingEvents : IEventTypeMap
{
    public void Map(EventTypeRegistry registry) => registry
        .Register<ThingHappened>("thing_happened")
        .Register<ThingRenamed>("thing_renamed", schemaVersion: 2)
        .Upcast("thing_renamed", 1, v1 => new JsonObject { ["name"] = v1["title"]!.GetValue<string>() });
}

public class SqlEventStoreTests : DatabaseTest
{
    protected IEventStore Store => Services.Get<IEventStore>();

    protected override void Configure(IServiceCollection services)
    {
        base.Configure(services);
        services.AddEventTypes<ThingEvents>();
    }

    private static EventMetadata Meta(Guid? commandId = null) => EventMetadata.ForCommand(Guid.NewGuid(), commandId ?? Guid.NewGuid());

    private Task<AppendResult> AppendAsync(Guid stream, int expected, params object[] events) =>
        Store.AppendAsync(stream, "Thing", expected, events, Meta(), TestContext.Current.CancellationToken);

    [Fact]
    public async Task Append_ThenReadStream_ReturnsPayloadsInVersionOrderWithMetadata()
    {
        var stream = Guid.NewGuid();
        var meta = new EventMetadata(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "test-client");

        var result = await Store.AppendAsync(stream, "Thing", 0, [new ThingHappened(1), new ThingHappened(2)], meta);
        await AppendAsync(stream, 2, new ThingHappened(3));

        Assert.Equal((1, 2, false), (result.FirstVersion, result.LastVersion, result.WasDuplicate));
        var events = await Store.ReadStreamAsync(stream);
        Assert.Equal([1, 2, 3], events.Select(e => e.Version));
        Assert.Equal([new ThingHappened(1), new ThingHappened(2), new ThingHappened(3)], events.Select(e => e.Data));
        Assert.All(events, e => Assert.Equal(("Thing", "thing_happened", 1), (e.StreamType, e.EventType, e.StoredSchemaVersion)));
        Assert.Equal(meta, events[0].Metadata);
        Assert.Equal(Clock.GetUtcNow(), events[0].CreatedAt);
        Assert.Equal(events.Select(e => e.Data), await Store.ReadPayloadsAsync(stream));
    }

    [Fact]
    public async Task ManyConcurrentAppends_SomeConflicting_EachLandsOrFailsOnItsOwn()
    {
        var streams = Enumerable.Range(0, 10).Select(_ => Guid.NewGuid()).ToList();

        // Two writers per new stream, all at once: they share group commits, and a loser must not sink the batch.
        var attempts = await Task.WhenAll(streams.Concat(streams).Select((stream, i) => Task.Run(async () =>
        {
            try { return await AppendAsync(stream, 0, new ThingHappened(i)); }
            catch (WrongExpectedVersionException) { return null; }
        })));

        Assert.Equal(10, attempts.Count(a => a is not null));
        foreach (var stream in streams) Assert.Equal([1], (await Store.ReadStreamAsync(stream)).Select(e => e.Version));
        Assert.Equal(10, (await Store.ReadAllAsync(0, 100)).Count);
    }

    [Fact]
    public async Task Append_TwoWritersAtTheSameExpectedVersion_ExactlyOneWins()
    {
        var stream = Guid.NewGuid();
        await AppendAsync(stream, 0, new ThingHappened(0));

        var attempts = await Task.WhenAll(Enumerable.Range(1, 2).Select(n => Task.Run(async () =>
        {
            try { return await AppendAsync(stream, 1, new ThingHappened(n)); }
            catch (WrongExpectedVersionException) { return null; }
        })));

        Assert.Single(attempts, a => a is not null);
        var events = await Store.ReadStreamAsync(stream);
        Assert.Equal([1, 2], events.Select(e => e.Version));
    }

    [Fact]
    public async Task Append_AtAStaleOrFutureVersion_IsAConcurrencyErrorAndWritesNothing()
    {
        var stream = Guid.NewGuid();
        await AppendAsync(stream, 0, new ThingHappened(1), new ThingHappened(2));

        var stale = await Assert.ThrowsAsync<WrongExpectedVersionException>(() => AppendAsync(stream, 1, new ThingHappened(9)));
        await Assert.ThrowsAsync<WrongExpectedVersionException>(() => AppendAsync(stream, 5, new ThingHappened(9)));

        Assert.Equal((stream, 1), (stale.StreamId, stale.ExpectedVersion));
        Assert.Equal(2, (await Store.ReadStreamAsync(stream)).Count);
        // The refusals rolled their transactions back: the writer goes on.
        await AppendAsync(stream, 2, new ThingHappened(3));
        Assert.Equal([1, 2, 3], (await Store.ReadStreamAsync(stream)).Select(e => e.Version));
    }

    [Fact]
    public async Task Append_TheSameCommandIdTwice_WritesOnceAndReturnsTheFirstResult()
    {
        var stream = Guid.NewGuid();
        var meta = Meta();

        var first = await Store.AppendAsync(stream, "Thing", 0, [new ThingHappened(1), new ThingHappened(2)], meta);
        var again = await Store.AppendAsync(stream, "Thing", 2, [new ThingHappened(1), new ThingHappened(2)], meta);

        Assert.False(first.WasDuplicate);
        Assert.True(again.WasDuplicate);
        Assert.Equal((first.FirstVersion, first.LastVersion, first.LastPosition), (again.FirstVersion, again.LastVersion, again.LastPosition));
        Assert.Equal(2, (await Store.ReadStreamAsync(stream)).Count);
        Assert.Equal(again, await Store.FindCommandAsync(meta.CommandId));
        Assert.Null(await Store.FindCommandAsync(Guid.NewGuid()));
    }

    /// <summary>A double click: both appends queue at once, so they usually share a group commit, where the second sees the first.</summary>
    [Fact]
    public async Task Append_TheSameCommandIdTwiceAtOnce_WritesOnce_AndBothHearTheSameResult()
    {
        var stream = Guid.NewGuid();
        var meta = Meta();

        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Store.AppendAsync(stream, "Thing", 0, [new ThingHappened(1), new ThingHappened(2)], meta)));

        Assert.Single(results, r => r.WasDuplicate);
        Assert.Single(results.Select(r => (r.StreamId, r.FirstVersion, r.LastVersion, r.LastPosition)).Distinct());
        Assert.Equal([1, 2], (await Store.ReadStreamAsync(stream)).Select(e => e.Version));
    }

    [Theory]
    [InlineData("UPDATE events SET data = '{}'", "UPDATE is not allowed")]
    [InlineData("DELETE FROM events", "DELETE is not allowed")]
    public async Task ChangingTheLog_IsRefusedByTheDatabase(string sql, string message)
    {
        var stream = Guid.NewGuid();
        await AppendAsync(stream, 0, new ThingHappened(1));
        using var connection = OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = sql;

        var error = Assert.ThrowsAny<DbException>(() => command.ExecuteNonQuery());

        Assert.Contains(message, error.Message);
        Assert.Equal([new ThingHappened(1)], (await Store.ReadStreamAsync(stream)).Select(e => e.Data));
    }

    [Fact]
    public async Task ReadAll_ReturnsTheWholeLogInGlobalOrder_InBatches()
    {
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        await AppendAsync(a, 0, new ThingHappened(1));
        await AppendAsync(b, 0, new ThingHappened(2), new ThingHappened(3));
        await AppendAsync(a, 1, new ThingHappened(4));
        await AppendAsync(b, 2, new ThingHappened(5));

        var read = new List<RecordedEvent>();
        for (long after = 0; ; )
        {
            var batch = await Store.ReadAllAsync(after, maxCount: 2);
            if (batch.Count == 0) break;
            Assert.True(batch.Count <= 2);
            read.AddRange(batch);
            after = batch[^1].Position;
        }

        Assert.Equal([1, 2, 3, 4, 5], read.Select(e => ((ThingHappened)e.Data).Number));
        Assert.Equal(read.Select(e => e.Position).Order(), read.Select(e => e.Position));
        Assert.Equal([a, b, b, a, b], read.Select(e => e.StreamId));
    }

    [Fact]
    public async Task ReadStream_UpToAVersionOrAnInstant_StopsThere()
    {
        var stream = Guid.NewGuid();
        await AppendAsync(stream, 0, new ThingHappened(1));
        var afterFirst = Clock.GetUtcNow();
        Clock.Advance(TimeSpan.FromMinutes(10));
        await AppendAsync(stream, 1, new ThingHappened(2));
        Clock.Advance(TimeSpan.FromMinutes(10));
        await AppendAsync(stream, 2, new ThingHappened(3));

        Assert.Equal([1, 2], (await Store.ReadStreamAsync(stream, upToVersion: 2)).Select(e => e.Version));
        Assert.Equal([1], (await Store.ReadStreamAsync(stream, upTo: afterFirst.AddMinutes(5))).Select(e => e.Version));
        Assert.Equal([1, 2], (await Store.ReadStreamAsync(stream, upTo: afterFirst.AddMinutes(10))).Select(e => e.Version));
        Assert.Empty(await Store.ReadStreamAsync(stream, upTo: afterFirst.AddMinutes(-1)));
    }

    [Fact]
    public async Task ARowWrittenInAnOlderShape_IsUpcastWhenRead_AndStaysAsWritten()
    {
        var stream = Guid.NewGuid();
        const string v1 = """{"title":"Old name"}""";
        InsertRawEvent(stream, "Thing", "thing_renamed", 1, schemaVersion: 1, v1);

        var read = Assert.Single(await Store.ReadStreamAsync(stream));

        Assert.Equal(new ThingRenamed("Old name"), read.Data);
        Assert.True(read.WasUpcast);
        Assert.Equal(1, read.StoredSchemaVersion);
        using var connection = OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT data FROM events";
        Assert.Equal(v1, command.ExecuteScalar());
    }

    [Fact]
    public async Task AnUnknownEventType_IsReportedWithItsPosition()
    {
        var stream = Guid.NewGuid();
        InsertRawEvent(stream, "Thing", "thing_exploded", 1, schemaVersion: 1, "{}");

        var error = await Assert.ThrowsAsync<UnreadableEventException>(() => Store.ReadStreamAsync(stream));

        Assert.Equal("thing_exploded", error.EventType);
        Assert.Equal(1, error.Position);
        Assert.Contains("unknown event type", error.Message);
    }
}

/// <summary>The same tests on PostgreSQL, and what only PostgreSQL has: TRUNCATE, and writers in several instances.</summary>
public sealed class SqlEventStorePostgresTests : SqlEventStoreTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;

    [Fact]
    public async Task TruncatingTheLog_IsRefusedByTheDatabase()
    {
        await Store.AppendAsync(Guid.NewGuid(), "Thing", 0, [new ThingHappened(1)], EventMetadata.ForCommand(Guid.NewGuid(), Guid.NewGuid()));
        using var connection = OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "TRUNCATE events";

        var error = Assert.ThrowsAny<DbException>(() => command.ExecuteNonQuery());

        Assert.Contains("TRUNCATE is not allowed", error.Message);
        Assert.Equal(1, await Store.ReadHeadAsync());
    }

    [Fact]
    public async Task AnAppend_WaitsForTheAppendLock_SoPositionsBecomeVisibleInOrder()
    {
        await using var other = (Npgsql.NpgsqlConnection)OpenConnection();
        await using var turn = await other.BeginTransactionAsync();
        await using (var take = new Npgsql.NpgsqlCommand($"SELECT pg_advisory_xact_lock({PostgresProvider.AppendLockKey})", other, turn))
            await take.ExecuteScalarAsync();

        var append = Store.AppendAsync(Guid.NewGuid(), "Thing", 0, [new ThingHappened(1)], EventMetadata.ForCommand(Guid.NewGuid(), Guid.NewGuid()));
        await Task.Delay(500);
        Assert.False(append.IsCompleted, "the append did not wait for the writer holding the lock");

        await turn.CommitAsync();
        Assert.Equal(1, (await append.WaitAsync(TimeSpan.FromSeconds(10))).LastPosition);
    }

    /// <summary>
    /// Positions come from a sequence, and transactions of different instances could commit out of order, so that a
    /// reader following "id &gt; last seen" passes over an id that commits later. Appends take turns so this cannot happen.
    /// </summary>
    [Fact]
    public async Task AReaderFollowingTheLog_MissesNothing_WhileThreeInstancesAppendAtOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var second = await StartAnotherInstanceAsync();
        await using var third = await StartAnotherInstanceAsync();
        var stores = new[] { Store, second.Get<IEventStore>(), third.Get<IEventStore>() };
        var writing = Task.WhenAll(stores.SelectMany(store => Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            var stream = Guid.NewGuid();
            for (var version = 0; version < 40; version++)
                await store.AppendAsync(stream, "Thing", version, [new ThingHappened(version)], EventMetadata.ForCommand(Guid.NewGuid(), Guid.NewGuid()), ct);
        }, ct))));

        var seen = new List<long>();
        while (true)
        {
            var done = writing.IsCompleted;
            var batch = await Store.ReadAllAsync(seen.LastOrDefault(), 1_000, ct: ct);
            seen.AddRange(batch.Select(e => e.Position));
            if (done && batch.Count == 0) break;
        }
        await writing;

        var all = (await Store.ReadAllAsync(0, 10_000, ct: ct)).Select(e => e.Position).ToList();
        Assert.Equal(3 * 8 * 40, all.Count);
        Assert.Equal(all, seen);
    }
}
