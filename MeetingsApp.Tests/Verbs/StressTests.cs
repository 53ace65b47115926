using MeetingsApp.Data;
using MeetingsApp.Demo;
using MeetingsApp.Verbs;
using Microsoft.Data.Sqlite;

namespace MeetingsApp.Tests.Verbs;

/// <summary>A short version of the <c>stress</c> verb: a storm of concurrent commands, then every invariant must hold.</summary>
public sealed class StressTests
{
    private static async Task StormAsync(string connectionString, DatabaseProvider provider, int instances)
    {
        var (services, errors) = await StressTest.CreateServicesAsync(connectionString, provider, instances);
        try
        {
            var report = await StressTest.RunAsync(services, errors, TimeSpan.FromSeconds(10), users: 20, seed: 42);

            Assert.All(report.Invariants, i => Assert.True(i.Holds, $"{i.Invariant}: {i.Detail}"));
            Assert.True(report.Appended > 100, $"only {report.Appended} commands appended");
            Assert.True(report.Repeats > 0 && report.Invalid > 0 && report.Rejected > 0, "the mix should include repeats, invalid and rejected commands");
        }
        finally
        {
            foreach (var instance in services) await instance.DisposeAsync();
        }
    }

    [Fact]
    public async Task AfterTenSecondsOfConcurrentMixedCommands_EveryInvariantHolds()
    {
        var folder = Directory.CreateTempSubdirectory("meetings-stress-test-");
        var connectionString = $"Data Source={Path.Combine(folder.FullName, "stress.db")}";
        try
        {
            await StormAsync(connectionString, DatabaseProvider.Sqlite, instances: 1);
        }
        finally
        {
            SqliteConnection.ClearPool(new SqliteConnection(connectionString));
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Its users and meetings could never be removed from a real log: the verb refuses a database that has events.</summary>
    [Fact]
    public async Task TheVerb_RefusesADatabaseThatHoldsEvents_AndWritesNothing()
    {
        var folder = Directory.CreateTempSubdirectory("meetings-stress-test-");
        var path = Path.Combine(folder.FullName, "live.db");
        try
        {
            await using (var live = await StandaloneServices.CreateAsync($"Data Source={path}"))
                await live.Provider.SeedDemoDataAsync();
            long head;
            await using (var live = await StandaloneServices.CreateAsync($"Data Source={path}")) head = await live.Get<MeetingsApp.EventStore.IEventStore>().ReadHeadAsync();

            Assert.Equal(2, await StressVerb.RunAsync(["--database", path, "--seconds", "1", "--users", "2"]));

            await using var after = await StandaloneServices.CreateAsync($"Data Source={path}");
            Assert.Equal(head, await after.Get<MeetingsApp.EventStore.IEventStore>().ReadHeadAsync());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Two instances on one PostgreSQL database: their writers, leases and followers under the same storm.</summary>
    [Fact]
    public async Task OnPostgreSQL_ThroughTwoInstancesAtOnce_EveryInvariantHolds()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync();
        try
        {
            await StormAsync(connectionString, DatabaseProvider.Postgres, instances: 2);
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(connectionString);
        }
    }
}
