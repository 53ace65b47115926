using MeetingsApp.Data;
using MeetingsApp.EventStore;
using MeetingsApp.EventStore.Subscriptions;

namespace MeetingsApp.Verbs;

/// <summary><c>export-events FILE</c> and <c>import-events FILE</c>: move the log between machines as JSON lines.</summary>
public static class EventLogVerbs
{
    public static async Task<int> ExportAsync(string[] args)
    {
        if (args is not [var path, ..]) return TransferFiles.Usage("export-events FILE");
        if (TransferFiles.RefuseExisting(path)) return 1;
        await using var app = AppHost.Build(args[1..]);
        await app.Services.MigrateDatabaseAsync();
        await using var file = new FileStream(path, FileMode.CreateNew);
        var count = await app.Services.GetRequiredService<EventLogTransfer>().ExportAsync(file);
        Console.WriteLine($"Exported {count:N0} events to {Path.GetFullPath(path)}.");
        return 0;
    }

    /// <summary>Imports into an empty log, all or nothing, then rebuilds the projections; reactors start after the import.</summary>
    public static async Task<int> ImportAsync(string[] args)
    {
        if (args is not [var path, ..]) return TransferFiles.Usage("import-events FILE");
        if (TransferFiles.RefuseMissing(path)) return 1;
        await using var app = AppHost.Build(args[1..]);
        await app.Services.MigrateDatabaseAsync();
        using var reader = new StreamReader(path, EventLogFile.Encoding);
        try
        {
            var count = await ImportAsync(app.Services, reader);
            Console.WriteLine($"Imported {count:N0} events from {Path.GetFullPath(path)}; projections rebuilt.");
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
}

/// <summary>What the export and import verbs say about their file before they start.</summary>
internal static class TransferFiles
{
    public static int Usage(string usage)
    {
        Console.Error.WriteLine($"usage: dotnet run --project MeetingsApp -- {usage}");
        return 2;
    }

    /// <summary>An export overwrites nothing.</summary>
    public static bool RefuseExisting(string path)
    {
        if (!File.Exists(path)) return false;
        Console.Error.WriteLine($"{path} exists already: nothing was exported. Choose another file, or remove it first.");
        return true;
    }

    public static bool RefuseMissing(string path)
    {
        if (File.Exists(path)) return false;
        Console.Error.WriteLine($"Nothing was imported: there is no file {Path.GetFullPath(path)}.");
        return true;
    }
}
