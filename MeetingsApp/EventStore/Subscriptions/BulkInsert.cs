using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace MeetingsApp.EventStore.Subscriptions;

/// <summary>
/// Inserts many rows of an EF-mapped entity in the context's current transaction: what a projection rebuild needs,
/// without the change tracker. Columns and value conversions come from the EF model, so rows read back exactly as if EF
/// had written them; how the rows travel is the provider's (<see cref="DatabaseProvider.BulkCopyAsync"/>).
/// </summary>
public static class BulkInsert
{
    /// <summary>The provider's settings for rewriting whole tables in one transaction, restored when disposed.</summary>
    public static Task<IAsyncDisposable> LargeWriteCacheAsync(this DbContext db, CancellationToken ct) =>
        DatabaseProvider.Of(db).LargeWritesAsync(db, ct);

    public static async Task InsertAsync<T>(this DbContext db, IEnumerable<T> rows, CancellationToken ct) where T : class
    {
        var provider = DatabaseProvider.Of(db);
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var properties = entity.GetProperties().Where(p => p.ValueGenerated == ValueGenerated.Never || p.IsKey()).ToList();
        var columns = properties
            .Select(p => new BulkColumn(p.GetColumnName(), (RelationalTypeMapping)p.GetRelationalTypeMapping(), p.IsNullable))
            .ToList();
        object? ValueOf(T row, int i)
        {
            var value = properties[i].PropertyInfo!.GetValue(row);
            return columns[i].Mapping.Converter is { } converter ? converter.ConvertToProvider(value) : value;
        }

        // Where secondary indexes are cheaper built once at the end than kept up row by row (unique ones stay: they guard).
        var secondary = provider.RebuildsIndexesAfterBulkInsert ? entity.GetIndexes().Where(i => !i.IsUnique).ToList() : [];
        var table = entity.GetTableName()!;
        foreach (var index in secondary) await ExecuteAsync(db, $"DROP INDEX \"{index.GetDatabaseName()}\"", ct);
        await provider.BulkCopyAsync(db, table, columns, rows, ValueOf, ct);
        foreach (var index in secondary)
            await ExecuteAsync(db, $"CREATE INDEX \"{index.GetDatabaseName()}\" ON \"{table}\" " +
                $"({string.Join(", ", index.Properties.Select(p => $"\"{p.GetColumnName()}\""))})", ct);
    }

    private static Task ExecuteAsync(DbContext db, string sql, CancellationToken ct) =>
        db.Database.GetDbConnection().ExecuteAsync(sql, db.Database.CurrentTransaction?.GetDbTransaction(), ct);
}
