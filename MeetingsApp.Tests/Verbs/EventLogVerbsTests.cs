using System.Text;
using MeetingsApp.Data;
using MeetingsApp.Demo;
using MeetingsApp.Meetings;
using MeetingsApp.Verbs;
using Microsoft.EntityFrameworkCore;

namespace MeetingsApp.Tests.Verbs;

/// <summary><c>export-events</c> and <c>import-events</c> on the demo history: byte-identical round trips, all or nothing.</summary>
public class EventLogVerbsTests : DatabaseTest
{
    private EventLogTransfer Transfer => Services.Get<EventLogTransfer>();

    protected override async ValueTask SetUpAsync() => await Services.Provider.SeedDemoDataAsync();

    [Fact]
    public async Task ExportImportExport_IsByteIdentical_AndRebuildsTheReadModel()
    {
        using var first = new MemoryStream();
        Assert.Equal(21, await Transfer.ExportAsync(first));
        await using var fresh = await StartOnAnotherDatabaseAsync();

        var imported = await EventLogVerbs.ImportAsync(fresh.Provider, new StringReader(Encoding.UTF8.GetString(first.ToArray())));
        using var second = new MemoryStream();
        await fresh.Get<EventLogTransfer>().ExportAsync(second);

        Assert.Equal(21, imported);
        Assert.Equal(first.ToArray(), second.ToArray());
        await using var db = await fresh.Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        Assert.Equal(5, await db.Set<MeetingSummary>().CountAsync());
        Assert.Equal(0, await db.Set<MeetingsApp.Notifications.Notification>().CountAsync());
        Assert.Equal(0, await db.Set<MeetingsApp.Email.OutboxMessage>().CountAsync()); // an import sends no e-mail either

        // The log goes on after the imported positions (on PostgreSQL the identity sequence is moved past them).
        var planning = DemoData.Id("meeting:planning");
        var (store, alice) = (fresh.Get<IEventStore>(), DemoData.Id("user:alice"));
        var next = await store.AppendAsync(planning, MeetingCommandHandler.StreamType, (await store.ReadStreamAsync(planning)).Count,
            [new MeetingCancelled(planning, "After the import", alice, Clock.GetUtcNow())], EventMetadata.ForCommand(alice, Guid.NewGuid()));
        Assert.Equal(22, next.LastPosition);
    }

    [Fact]
    public async Task TheVerbs_OverwriteNoFile_AndSayWhenThereIsNone()
    {
        var folder = Directory.CreateTempSubdirectory("meetings-verbs-");
        try
        {
            var existing = Path.Combine(folder.FullName, "log.jsonl");
            await File.WriteAllTextAsync(existing, "an earlier export");

            Assert.Equal(1, await EventLogVerbs.ExportAsync([existing]));
            Assert.Equal("an earlier export", await File.ReadAllTextAsync(existing));
            Assert.Equal(1, await EventLogVerbs.ImportAsync([Path.Combine(folder.FullName, "missing.jsonl")]));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task ABadLine_StopsTheImportNamingIt_AndWritesNothing()
    {
        using var export = new MemoryStream();
        await Transfer.ExportAsync(export);
        var lines = Encoding.UTF8.GetString(export.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        lines[3] = lines[3].Replace("\"data\":{", "\"data\":[{");
        await using var fresh = await StartOnAnotherDatabaseAsync();

        var error = await Assert.ThrowsAsync<EventLogFormatException>(() => EventLogVerbs.ImportAsync(fresh.Provider, new StringReader(string.Join('\n', lines))));

        Assert.Equal(4, error.Line);
        Assert.StartsWith("line 4:", error.Message);
        Assert.Equal(0, await fresh.Get<IEventStore>().ReadHeadAsync());
    }

    [Fact]
    public async Task Importing_IntoALogThatHasEvents_IsRefused()
    {
        using var export = new MemoryStream();
        await Transfer.ExportAsync(export);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            EventLogVerbs.ImportAsync(Services.Provider, new StringReader(Encoding.UTF8.GetString(export.ToArray()))));

        Assert.Contains("not empty", error.Message);
        Assert.Equal(21, await Services.Get<IEventStore>().ReadHeadAsync());
    }
}

/// <summary>The same tests on PostgreSQL.</summary>
public sealed class EventLogVerbsPostgresTests : EventLogVerbsTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
