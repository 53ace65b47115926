using MeetingsApp.Data;
using MeetingsApp.Verbs;
using Npgsql;

namespace MeetingsApp.Tests;

/// <summary>
/// The PostgreSQL server the tests use: <c>MEETINGS_TEST_POSTGRES</c>, or the one <c>.ci/run</c> starts on
/// 127.0.0.1:55432. Each test gets a database of its own, copied from a template migrated once per run. Without a
/// reachable server the tests that need one are skipped, saying why, unless <c>MEETINGS_REQUIRE_POSTGRES=1</c>
/// (which CI sets) makes that a failure.
/// </summary>
public static class PostgresServer
{
    private const string Template = "meetings_test_template";
    private static readonly SemaphoreSlim Creating = new(1, 1);
    private static readonly Lazy<Task<string?>> TemplateReady = new(PrepareTemplateAsync);

    public static string AdminConnectionString { get; } =
        Environment.GetEnvironmentVariable("MEETINGS_TEST_POSTGRES") is { Length: > 0 } configured ? configured
        : "Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres;Timeout=5";

    /// <summary>A new database with the app's schema; returns its connection string, or skips the test.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        if (await TemplateReady.Value is { } unavailable)
        {
            if (Environment.GetEnvironmentVariable("MEETINGS_REQUIRE_POSTGRES") == "1")
                throw new InvalidOperationException($"PostgreSQL is required here but {unavailable}");
            Assert.Skip($"Skipped: {unavailable}");
        }
        var name = $"meetings_test_{Guid.NewGuid():N}";
        await Creating.WaitAsync();
        try
        {
            await ExecuteAsync($"CREATE DATABASE {name} TEMPLATE {Template}");
        }
        finally
        {
            Creating.Release();
        }
        return With(name);
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        NpgsqlConnection.ClearPool(new NpgsqlConnection(connectionString));
        await ExecuteAsync($"DROP DATABASE IF EXISTS {new NpgsqlConnectionStringBuilder(connectionString).Database} WITH (FORCE)");
    }

    public static string With(string database) => new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database }.ConnectionString;

    /// <summary>Migrates the template database once per test run; returns why PostgreSQL cannot be used, if it cannot.</summary>
    private static async Task<string?> PrepareTemplateAsync()
    {
        try
        {
            await ExecuteAsync($"DROP DATABASE IF EXISTS {Template} WITH (FORCE)");
            await ExecuteAsync($"CREATE DATABASE {Template}");
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            return $"no PostgreSQL server is reachable at {new NpgsqlConnectionStringBuilder(AdminConnectionString) { Password = null }} ({ex.Message}).";
        }
        await using (await StandaloneServices.CreateAsync(With(Template), database: DatabaseProvider.Postgres)) { }
        NpgsqlConnection.ClearAllPools(); // a template must have no open connections when it is copied
        return null;
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
