using MeetingsApp.EventStore;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace MeetingsApp.Verbs;

/// <summary>
/// What differs between providers in the bench: where its fresh databases come from (<see cref="CreateAsync"/> makes an
/// empty one for a part of the bench and returns its connection string), the step a database needs to settle before a
/// rebuild, and the clean-up at the end (<see cref="DisposeAsync"/>). How SQL differs is the provider's own class.
/// </summary>
internal sealed record BenchDatabase(
    DatabaseProvider Provider,
    string Description,
    Func<string, Task<string>> CreateAsync,
    string? Settle,
    Func<ValueTask> Cleanup) : IAsyncDisposable
{
    /// <summary>Files in a temp folder, in write-ahead-log mode like the app's.</summary>
    public static BenchDatabase Sqlite()
    {
        var folder = Directory.CreateTempSubdirectory("meetings-bench-");
        return new(DatabaseProvider.Sqlite, "SQLite (WAL)",
            name => Task.FromResult($"Data Source={Path.Combine(folder.FullName, $"{name}.db")}"),
            // A rebuild meets a settled database, not one whose write-ahead log still holds the last appends.
            Settle: "PRAGMA wal_checkpoint(TRUNCATE);",
            Cleanup: () =>
            {
                SqliteConnection.ClearAllPools();
                folder.Delete(recursive: true);
                return ValueTask.CompletedTask;
            });
    }

    /// <summary>Databases created on the server that <paramref name="admin"/> reaches, dropped again at the end.</summary>
    public static async Task<BenchDatabase> PostgresAsync(string admin)
    {
        var version = await ExecuteAsync(admin, "SHOW server_version");
        var created = new List<string>();
        return new(DatabaseProvider.Postgres, $"PostgreSQL {version}",
            async name =>
            {
                var database = $"meetings_bench_{name}_{Guid.NewGuid():N}";
                created.Add(database);
                await ExecuteAsync(admin, $"CREATE DATABASE {database}");
                return new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString;
            },
            Settle: null,
            Cleanup: async () =>
            {
                NpgsqlConnection.ClearAllPools();
                foreach (var database in created) await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
            });
    }

    /// <summary>The app's services over a fresh database of this provider, migrated.</summary>
    public async Task<StandaloneServices> ServicesAsync(string name) =>
        await StandaloneServices.CreateAsync(await CreateAsync(name), database: Provider);

    public ValueTask DisposeAsync() => Cleanup();

    private static async Task<object?> ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
