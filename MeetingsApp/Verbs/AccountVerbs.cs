using MeetingsApp.Accounts;
using MeetingsApp.Data;
using MeetingsApp.EventStore;

namespace MeetingsApp.Verbs;

/// <summary>
/// <c>export-accounts FILE</c> and <c>import-accounts FILE</c>: the accounts that the moved log's user ids refer to, so
/// that people sign in on the target as themselves and see their meetings.
/// </summary>
public static class AccountVerbs
{
    public static async Task<int> ExportAsync(string[] args)
    {
        if (args is not [var path, ..]) return TransferFiles.Usage("export-accounts FILE");
        if (TransferFiles.RefuseExisting(path)) return 1;
        await using var app = AppHost.Build(args[1..]);
        await app.Services.MigrateDatabaseAsync();
        var count = await ExportAsync(app.Services, path);
        Console.WriteLine($"Exported {count:N0} accounts to {Path.GetFullPath(path)}. It holds their password hashes: keep it as you keep the database.");
        return 0;
    }

    /// <summary>Writes a new file that only its owner may read or write (where the system has such modes): it holds password hashes.</summary>
    public static async Task<int> ExportAsync(IServiceProvider services, string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        await using var file = new FileStream(path, options);
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AccountTransfer>().ExportAsync(file);
    }

    /// <summary>Adds the file's accounts, all or none; refuses one that the target has already.</summary>
    public static async Task<int> ImportAsync(string[] args)
    {
        if (args is not [var path, ..]) return TransferFiles.Usage("import-accounts FILE");
        if (TransferFiles.RefuseMissing(path)) return 1;
        await using var app = AppHost.Build(args[1..]);
        await app.Services.MigrateDatabaseAsync();
        await using var scope = app.Services.CreateAsyncScope();
        using var reader = new StreamReader(path, EventLogFile.Encoding);
        try
        {
            var count = await scope.ServiceProvider.GetRequiredService<AccountTransfer>().ImportAsync(reader);
            Console.WriteLine($"Imported {count:N0} accounts from {Path.GetFullPath(path)}.");
            return 0;
        }
        catch (Exception ex) when (ex is AccountFileException or System.Data.Common.DbException)
        {
            Console.Error.WriteLine($"Nothing was imported: {ex.Message}");
            return 1;
        }
    }
}
