using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace MeetingsApp.EventStore.Subscriptions;

/// <summary>
/// The one place that reads and writes <c>subscription_checkpoints</c>: the worker that applies batches, the rebuilder,
/// and an import that moves reactors past what it wrote all come here, with the store's clock.
/// </summary>
public sealed class CheckpointStore(EventStoreDatabase database, TimeProvider clock)
{
    private const string Create = $"INSERT INTO {SubscriptionCheckpoint.TableName} (name, position, updated_at) VALUES ({{0}}, 0, {{1}}) ON CONFLICT (name) DO NOTHING";

    private const string Upsert = $"""
        INSERT INTO {SubscriptionCheckpoint.TableName} (name, position, updated_at) VALUES (@name, @position, @now)
        ON CONFLICT (name) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at
        """;

    private readonly string _lock =
        $"SELECT name, position, updated_at, rebuilds FROM {SubscriptionCheckpoint.TableName} WHERE name = {{0}}{database.Provider.ForUpdate}";

    internal DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// The subscriber's checkpoint row, created at 0 if missing (by whichever instance comes first). In a transaction it
    /// is locked: on PostgreSQL by FOR UPDATE, so a concurrent applier waits and then sees the moved checkpoint; on
    /// SQLite the transaction already holds the database's one write lock (EF Core begins SQLite transactions IMMEDIATE).
    /// Read first: the row exists but for a subscriber's first batch, so one statement is all it usually costs.
    /// </summary>
    public async Task<SubscriptionCheckpoint> LockAsync(DbContext db, string name, CancellationToken ct)
    {
        var query = db.Set<SubscriptionCheckpoint>().FromSqlRaw(_lock, name);
        if ((await query.ToListAsync(ct)).SingleOrDefault() is { } checkpoint) return checkpoint;
        await db.Database.ExecuteSqlRawAsync(Create, [name, Now], ct);
        return (await query.ToListAsync(ct)).Single();
    }

    /// <summary>Moves a locked checkpoint; it is written with the context's next save, in the same transaction as the batch.</summary>
    public void Move(SubscriptionCheckpoint checkpoint, long position) => (checkpoint.Position, checkpoint.UpdatedAt) = (position, Now);

    /// <summary>Moves a locked checkpoint to where a rebuild left its tables, and counts the rebuild (<see cref="SubscriptionCheckpoint.Rebuilds"/>).</summary>
    public void MoveAfterRebuild(SubscriptionCheckpoint checkpoint, long position)
    {
        Move(checkpoint, position);
        checkpoint.Rebuilds++;
    }

    /// <summary>How far the subscriber has got, without a lock: what an instance that follows another reads.</summary>
    public Task<long> ReadAsync(DbContext db, string name, CancellationToken ct) =>
        db.Set<SubscriptionCheckpoint>().Where(c => c.Name == name).Select(c => c.Position).SingleAsync(ct);

    /// <summary>Sets <paramref name="subscribers"/> to <paramref name="position"/> inside an open plain-SQL transaction.</summary>
    public async Task SkipToAsync(DbConnection connection, DbTransaction tx, IEnumerable<string> subscribers, long position, CancellationToken ct)
    {
        await using var skip = connection.GetCommand(Upsert, tx);
        var name = skip.AddParameter("@name", "");
        skip.Add("@position", position).Add("@now", Now);
        foreach (var subscriber in subscribers)
        {
            name.Value = subscriber;
            await skip.ExecuteNonQueryAsync(ct);
        }
    }
}
