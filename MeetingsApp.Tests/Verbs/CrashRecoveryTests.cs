using System.Diagnostics;
using MeetingsApp.Verbs;
using Microsoft.Data.Sqlite;

namespace MeetingsApp.Tests.Verbs;

/// <summary>The stress verb in a child process, killed with SIGKILL mid-run; the app then starts again on the same file.</summary>
public sealed class CrashRecoveryTests
{
    private static List<(long Id, string Data)> CommittedEvents(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, data FROM events ORDER BY id";
        using var reader = command.ExecuteReader();
        var rows = new List<(long, string)>();
        while (reader.Read()) rows.Add((reader.GetInt64(0), reader.GetString(1)));
        return rows;
    }

    [Fact]
    public async Task KillingTheProcessMidStorm_LosesNoCommittedEvent_AndProjectionsCatchUpToARebuild()
    {
        var folder = Directory.CreateTempSubdirectory("meetings-crash-");
        var path = Path.Combine(folder.FullName, "crash.db");
        var connectionString = $"Data Source={path}";
        var app = typeof(AppHost).Assembly.Location;
        using var child = Process.Start(new ProcessStartInfo("dotnet", [app, "stress", "--seconds", "120", "--users", "20", "--database", path])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        })!;
        try
        {
            List<(long Id, string Data)> seen = [];
            var watch = Stopwatch.StartNew();
            while (seen.Count < 300 && watch.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(250);
                if (File.Exists(path)) try { seen = CommittedEvents(connectionString); } catch (SqliteException) { /* still migrating */ }
            }
            Assert.True(seen.Count >= 300, $"the child wrote only {seen.Count} events");

            child.Kill(entireProcessTree: true); // SIGKILL: no shutdown, no flush, mid-transaction
            await child.WaitForExitAsync();

            var after = CommittedEvents(connectionString);
            Assert.Equal(seen, after.Take(seen.Count));

            await using var restarted = await StandaloneServices.CreateAsync(connectionString);
            await restarted.StartSubscriptionsAsync();
            var invariants = await StressTest.CheckInvariantsAsync(restarted, appendedCommands: null);
            Assert.All(invariants, i => Assert.True(i.Holds, $"{i.Invariant}: {i.Detail}"));
        }
        finally
        {
            if (!child.HasExited) child.Kill(entireProcessTree: true);
            SqliteConnection.ClearPool(new SqliteConnection(connectionString));
            folder.Delete(recursive: true);
        }
    }
}
