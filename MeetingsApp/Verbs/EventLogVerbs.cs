using MeetingsApp.Data;
using MeetingsApp.EventStore;
using MeetingsApp.EventStore.Subscriptions;

namespace MeetingsApp.Verbs;

/// <summary><c>export-events FILE</c> and <c>import-events FILE</c>: move the log between machines as JSON lines.</summary>
public static class EventLogVerbs
{
    public static async Task<int> ExportAsync(string[] args)
    {
        if (args is not [var path, ..]) return Usage("export-events FILE");
        if (File.Exists(path))
        {
            Console.Error.WriteLine($"{path} exists already: nothing was exported. Choose another file, or remove it first.");
            return 1;
        }
        await using var app = AppHost.Build(args[1..]);
        await app.Services.MigrateDatabaseAsync();
        await using var file = new FileStream(path, FileMode.CreateNew);
        var count = await app.Services.GetRequiredService<EventLogTransfer>().ExportAsync(file);
        Console.WriteLine($"Exported {count:N0} events to {path}.");
        return 0;
    }

    /// <summary>Imports into an empty log, all or nothing, then rebuilds the projections; reactors start after the import.</summary>
    public static async Task<int> ImportAsync(string[] args)
    {
        if (args is not [var path, ..]) return Usage("import-events FILE");
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"Nothing was imported: there is no file {path}.");
            return 1;
        }
        await using var app = AppHost.Build(args[1..]);
        await app.Services.MigrateDatabaseAsync();
        using var reader = new StreamReader(path, EventLogFile.Encoding);
        try
        {
            var count = await ImportAsync(app.Services, reader);
            Console.WriteLine($"Imported {count:N0} events from {path}; projections rebuilt.");
            return 0;
        }
        // A database's refusal too (say, two rows of an edited file for one stream version): the import's transaction is rolled back.
        catch (Exception ex) when (ex is EventLogFormatException or InvalidOperationException or System.Data.Common.DbException)
        {
            Console.Error.WriteLine($"Nothing was imported: {ex.Message}");
            return 1;
        }
    }

    public static async Task<long> ImportAsync(IServiceProvider services, TextReader reader, CancellationToken ct = default)
    {
        var host = services.GetRequiredService<SubscriptionHost<AppDbContext>>();
        // The imported history's notifications were sent where it was written; they must not be sent again.
        var reactors = host.Status.Where(s => s.Kind == SubscriberKind.Reactor).Select(s => s.Name).ToList();
        var count = await services.GetRequiredService<EventLogTransfer>().ImportAsync(reader, reactors, ct);
        foreach (var projection in host.Status.Where(s => s.Kind == SubscriberKind.Projection)) await host.RebuildAsync(projection.Name, ct);
        return count;
    }

    private static int Usage(string usage)
    {
        Console.Error.WriteLine($"usage: dotnet run --project MeetingsApp -- {usage}");
        return 2;
    }
}
