using MeetingsApp.Data;
using MeetingsApp.EventStore.Subscriptions;

namespace MeetingsApp.Verbs;

/// <summary>
/// <c>rebuild-projections</c>: rebuilds every projection of the configured database from the whole log, printing
/// progress. Safe while the app runs: the log is folded first, then the tables are replaced in one transaction (commands
/// wait only for that write), and running instances carry on from the new checkpoint.
/// </summary>
public static class RebuildVerb
{
    public static async Task<int> RunAsync(string[] args)
    {
        await using var app = AppHost.Build(args);
        await app.Services.MigrateDatabaseAsync();
        var host = app.Services.GetRequiredService<SubscriptionHost<AppDbContext>>();
        foreach (var projection in host.Status.Where(s => s.Kind == SubscriberKind.Projection).Select(s => s.Name))
        {
            var rebuild = host.RebuildAsync(projection);
            while (!rebuild.IsCompleted)
            {
                if (host.Status.Single(s => s.Name == projection).Rebuild is { } p)
                    Console.Write($"\r{projection}: {p.Done:N0} / {p.Total:N0} events, {p.EventsPerSecond:N0} events/s   ");
                await Task.WhenAny(rebuild, Task.Delay(250));
            }
            await rebuild;
            Console.WriteLine($"\r{projection}: rebuilt at position {host.Status.Single(s => s.Name == projection).Position:N0}".PadRight(70));
        }
        return 0;
    }
}
