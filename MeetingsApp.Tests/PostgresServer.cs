using MeetingsApp.Data;
using MeetingsApp.Verbs;
using Npgsql;

namespace MeetingsApp.Tests;

/// <summary>
/// The PostgreSQL server the tests use: <c>MEETINGS_TEST_POSTGRES</c>, or the one <c>.ci/run</c> starts on
/// 127.0.0.1:55432. Where none answers there but PostgreSQL is installed, the run starts a throw-away cluster of its
/// own (<see cref="ThrowAwayPostgres"/>). Each test gets a database of its own, copied from a template migrated once
/// per run. Without PostgreSQL the tests that need it are skipped, saying why, unless <c>MEETINGS_REQUIRE_POSTGRES=1</c>
/// (which CI sets) makes that a failure (<see cref="TestMachine"/>).
/// </summary>
public static class PostgresServer
{
    private const string Template = "meetings_test_template";
    private static readonly SemaphoreSlim Creating = new(1, 1);
    private static readonly Lazy<Task<string?>> TemplateReady = new(PrepareTemplateAsync);
    private static ThrowAwayPostgres? _ownCluster;

    private static string Configured { get; } =
        Environment.GetEnvironmentVariable("MEETINGS_TEST_POSTGRES") is { Length: > 0 } configured ? configured
        : "Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres;Timeout=5";

    /// <summary>The server's maintenance database; the run's own cluster once one was started.</summary>
    public static string AdminConnectionString => _ownCluster?.ConnectionString ?? Configured;

    /// <summary>
    /// A new database with the app's schema, or with <paramref name="empty"/> one that nothing migrated yet; returns its
    /// connection string, or skips the test.
    /// </summary>
    public static async Task<string> CreateDatabaseAsync(bool empty = false)
    {
        if (await TemplateReady.Value is { } unavailable) TestMachine.Missing(TestMachine.Need.PostgreSql, unavailable);
        var name = $"meetings_test_{Guid.NewGuid():N}";
        await Creating.WaitAsync();
        try
        {
            await ExecuteAsync(empty ? await CreateInCLocaleAsync(name) : $"CREATE DATABASE {name} TEMPLATE {Template}");
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

    /// <summary>Stops and removes the run's own cluster, if it started one (after the last test).</summary>
    internal static async Task StopOwnClusterAsync()
    {
        if (_ownCluster is null) return;
        NpgsqlConnection.ClearAllPools();
        await _ownCluster.StopAsync();
    }

    /// <summary>Migrates the template database once per test run; returns why PostgreSQL cannot be used, if it cannot.</summary>
    private static async Task<string?> PrepareTemplateAsync()
    {
        if (await CannotReachAsync() is { } unreachable)
        {
            if (ThrowAwayPostgres.FindBinaries() is not { } bin) return $"no server answers at {Safe(Configured)} ({unreachable}), and PostgreSQL is not installed.";
            try
            {
                _ownCluster = await ThrowAwayPostgres.StartAsync(bin);
            }
            catch (InvalidOperationException ex)
            {
                return $"no server answers at {Safe(Configured)}, and a cluster of the run's own did not start: {ex.Message}";
            }
            TestMachine.Note($"No PostgreSQL server at {Safe(Configured)}: started a throw-away cluster with {bin} at 127.0.0.1:{_ownCluster.Port}, and removed it after the run.");
        }
        await ExecuteAsync($"DROP DATABASE IF EXISTS {Template} WITH (FORCE)");
        await ExecuteAsync(await CreateInCLocaleAsync(Template));
        await using (await StandaloneServices.CreateAsync(With(Template), database: DatabaseProvider.Postgres)) { }
        NpgsqlConnection.ClearAllPools(); // a template must have no open connections when it is copied
        return null;
    }

    /// <summary>
    /// The C locale, whatever the cluster's: like a cluster made with initdb --no-locale (as .ci/run makes it), whose
    /// upper() knows only ASCII's letters and whose order is the bytes'. Nothing may depend on a kinder locale.
    /// A cluster made with ICU as its default would make an ICU database of it even so: say libc, where the server knows it.
    /// </summary>
    private static async Task<string> CreateInCLocaleAsync(string name)
    {
        var libc = int.Parse(await ScalarAsync("SHOW server_version_num") ?? "0") >= 150000 ? " LOCALE_PROVIDER libc" : "";
        return $"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'{libc}";
    }

    private static async Task<string?> CannotReachAsync()
    {
        try
        {
            await ExecuteAsync("SELECT 1");
            return null;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            return ex.Message;
        }
    }

    private static string Safe(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString) { Password = null }.ToString();

    private static async Task<string?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (string?)await command.ExecuteScalarAsync();
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
