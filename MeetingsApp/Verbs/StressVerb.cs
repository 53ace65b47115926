using MeetingsApp.EventStore;
using Microsoft.Data.Sqlite;

namespace MeetingsApp.Verbs;

/// <summary>
/// <c>stress --seconds 60 --users 100 [--database FILE]</c>: a bounded storm of concurrent commands on a SQLite file
/// (a fresh temp file unless given; one that holds events is refused), then the invariant checks. Exits 1 if any invariant fails.
/// <c>stress --provider postgres --connection CS [--instances 2]</c>: the same on an empty PostgreSQL database, through
/// that many app instances at once.
/// </summary>
public static class StressVerb
{
    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = int.TryParse(Option(args, "--seconds"), out var s) ? s : 60;
        var users = int.TryParse(Option(args, "--users"), out var u) ? u : 100;
        var instances = int.TryParse(Option(args, "--instances"), out var n) ? n : 1;
        if (Option(args, "--provider") is { } provider)
        {
            if (!provider.Equals("postgres", StringComparison.OrdinalIgnoreCase) || Option(args, "--connection") is not { } connection)
            {
                Console.Error.WriteLine("Use --provider postgres --connection \"<connection string of an empty database>\", or no --provider for SQLite.");
                return 2;
            }
            return await RunAsync(connection, DatabaseProvider.Postgres, instances, seconds, users);
        }
        var folder = Option(args, "--database") is null ? Directory.CreateTempSubdirectory("meetings-stress-") : null;
        var path = Option(args, "--database") ?? Path.Combine(folder!.FullName, "stress.db");
        try
        {
            return await RunAsync($"Data Source={path}", DatabaseProvider.Sqlite, instances, seconds, users);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder?.Delete(recursive: true);
        }
    }

    private static async Task<int> RunAsync(string connectionString, DatabaseProvider provider, int instanceCount, int seconds, int users)
    {
        var (instances, errors) = await StressTest.CreateServicesAsync(connectionString, provider, instanceCount);
        try
        {
            // Its accounts and meetings could never be taken out again (the log is append-only): only into an empty log.
            if (await instances[0].Get<IEventStore>().ReadHeadAsync() is var head and > 0)
            {
                Console.Error.WriteLine($"stress writes thousands of meetings and 100 accounts that cannot be removed: give it an empty database, not one holding {head:N0} events (without --database it uses a fresh temporary file).");
                return 2;
            }
            Console.WriteLine($"Stress: {users} users for {seconds} s through {instanceCount} instance(s) on {provider}");
            var report = await StressTest.RunAsync(instances, errors, TimeSpan.FromSeconds(seconds), users);
            Console.WriteLine($"  {report.Commands:N0} commands, {report.CommandsPerSecond:N0}/s; latency p50 {report.P50Ms:F1} ms, p99 {report.P99Ms:F1} ms");
            Console.WriteLine($"  {report.Appended:N0} appended, {report.Repeats:N0} repeats answered from the log, {report.Invalid:N0} invalid, {report.Rejected:N0} rejected by the rules");
            foreach (var (invariant, holds, detail) in report.Invariants) Console.WriteLine($"  [{(holds ? "ok" : "FAILED")}] {invariant}: {detail}");
            return report.AllHold ? 0 : 1;
        }
        finally
        {
            foreach (var instance in instances) await instance.DisposeAsync();
        }
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
