using Microsoft.Data.Sqlite;

namespace MeetingsApp.Verbs;

/// <summary>
/// <c>stress --seconds 60 --users 100 [--database FILE]</c>: a bounded storm of concurrent commands on a SQLite file
/// (a fresh temp file unless given), then the invariant checks. Exits 1 if any invariant fails.
/// </summary>
public static class StressVerb
{
    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = int.TryParse(Option(args, "--seconds"), out var s) ? s : 60;
        var users = int.TryParse(Option(args, "--users"), out var u) ? u : 100;
        var folder = Option(args, "--database") is null ? Directory.CreateTempSubdirectory("meetings-stress-") : null;
        var path = Option(args, "--database") ?? Path.Combine(folder!.FullName, "stress.db");
        try
        {
            var (services, errors) = await StressTest.CreateServicesAsync($"Data Source={path}");
            await using (services)
            {
                Console.WriteLine($"Stress: {users} users for {seconds} s on {path}");
                var report = await StressTest.RunAsync(services, errors, TimeSpan.FromSeconds(seconds), users);
                Console.WriteLine($"  {report.Commands:N0} commands, {report.CommandsPerSecond:N0}/s; latency p50 {report.P50Ms:F1} ms, p99 {report.P99Ms:F1} ms");
                Console.WriteLine($"  {report.Appended:N0} appended, {report.Repeats:N0} repeats answered from the log, {report.Invalid:N0} invalid, {report.Rejected:N0} rejected by the rules");
                foreach (var (invariant, holds, detail) in report.Invariants) Console.WriteLine($"  [{(holds ? "ok" : "FAILED")}] {invariant}: {detail}");
                return report.AllHold ? 0 : 1;
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder?.Delete(recursive: true);
        }
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
