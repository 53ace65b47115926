using MeetingsApp.EventStore;
using Npgsql;

namespace MeetingsApp.Tests.EventStore;

/// <summary>
/// On PostgreSQL a connection goes back to the pool without Npgsql's reset (<see cref="PostgresProvider.WithSessionSettings"/>),
/// which is safe only because nothing of a use outlives it: a transaction left open, and the append lock it holds, end
/// when the connection is closed. The statements it prepared stay, which is the point.
/// </summary>
public sealed class PooledConnectionTests : DatabaseTest
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;

    [Fact]
    public async Task AConnectionBackInThePool_KeepsItsPreparedStatements_ButNotATransactionOrTheAppendLock()
    {
        var database = Services.Get<EventStoreDatabase>();
        Assert.True(new NpgsqlConnectionStringBuilder(database.ConnectionString).NoResetOnClose);
        var stream = Guid.NewGuid();
        int session;
        await using (var first = (NpgsqlConnection)await database.OpenAsync(CancellationToken.None))
        {
            session = first.ProcessID;
            // Left open on purpose, as a crash between statements would leave it: BEGIN, the lock and a row, no COMMIT.
            await first.ExecuteAsync($"BEGIN; {PostgresProvider.TakeAppendLock}", null, CancellationToken.None);
            await using var insert = first.GetCommand(EventSql.Insert(Provider));
            new EventRowParameters(insert, Provider).Set(new StoredEvent
            {
                StreamId = stream, StreamType = "Thing", EventType = "thing_happened", Version = 1, SchemaVersion = 1,
                Data = "{}", Meta = "{}", CreatedAt = DateTime.UtcNow,
            });
            await insert.ExecuteNonQueryAsync();
            await first.ExecuteAsync("PREPARE kept AS SELECT 42", null, CancellationToken.None);
        }

        await using var again = (NpgsqlConnection)await database.OpenAsync(CancellationToken.None);
        Assert.Equal(session, again.ProcessID); // the same session, from the pool
        Assert.Equal(42, await Scalar(again, "EXECUTE kept"));
        Assert.Equal(0L, await Scalar(again, $"SELECT COUNT(*) FROM events WHERE entity_id = '{stream}'"));
        await using var other = OpenConnection();
        Assert.Equal(true, await Scalar((NpgsqlConnection)other, $"SELECT pg_try_advisory_xact_lock({PostgresProvider.AppendLockKey})"));
    }

    private static async Task<object?> Scalar(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
