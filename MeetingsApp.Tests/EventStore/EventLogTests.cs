using System.Text;
using MeetingsApp.Data;
using MeetingsApp.Demo;
using MeetingsApp.EventStore;
using MeetingsApp.Meetings;
using MeetingsApp.Verbs;
using Microsoft.EntityFrameworkCore;

namespace MeetingsApp.Tests.EventStore;

public class EventLogTests : DatabaseTest
{
    private IEventLog Log => Services.Get<IEventLog>();

    protected override async ValueTask SetUpAsync() => await Services.Provider.SeedDemoDataAsync();

    [Fact]
    public async Task Filters_Combine()
    {
        var bob = DemoData.Id("user:bob");
        var planning = DemoData.Id("meeting:planning");

        var bobsAccepts = await Log.PageAsync(new EventLogFilter(EventType: "invitation_accepted", UserId: bob), null, 50);
        var inPlanning = await Log.PageAsync(new EventLogFilter(EventType: "invitation_accepted", UserId: bob, StreamId: planning), null, 50);
        var all = await Log.PageAsync(new EventLogFilter(), null, 1_000);
        var firstDay = all[^1].CreatedAt;
        var early = await Log.PageAsync(new EventLogFilter(To: new DateTimeOffset(firstDay, TimeSpan.Zero).AddDays(2)), null, 50);

        Assert.Equal(3, bobsAccepts.Count); // the retrospective, and the planning before and after it moved
        Assert.All(bobsAccepts, e => Assert.Contains(bob.ToString(), e.Meta));
        Assert.All(inPlanning, e => Assert.Equal(planning, e.EntityId));
        Assert.Equal(2, inPlanning.Count);
        Assert.Equal(all.Where(e => e.CreatedAt <= firstDay.AddDays(2)).Select(e => e.Id), early.Select(e => e.Id));
        Assert.Equal(all.Select(e => e.Id).OrderDescending(), all.Select(e => e.Id));
    }

    [Fact]
    public async Task Paging_WalksTheWholeLogNewestFirst()
    {
        var seen = new List<long>();
        for (long? before = null; ;)
        {
            var page = await Log.PageAsync(new EventLogFilter(), before, 5);
            if (page.Count == 0) break;
            seen.AddRange(page.Select(e => e.Id));
            before = page[^1].Id;
        }
        Assert.Equal(Enumerable.Range(1, 21).Select(i => (long)i).Reverse(), seen);
    }

    [Fact]
    public async Task CountsPerDay_AddUpToTheLog()
    {
        var counts = await Log.CountPerDayAsync(new EventLogFilter());

        Assert.Equal(21, counts.Sum(c => c.Count));
        Assert.Equal(5, counts.Where(c => c.EventType == "meeting_scheduled").Sum(c => c.Count));
    }

    [Fact]
    public async Task ExportImportExport_IsByteIdentical_AndRebuildsTheReadModel()
    {
        using var first = new MemoryStream();
        Assert.Equal(21, await EventLogFile.ExportAsync(Log, first));
        await using var fresh = await StartOnAnotherDatabaseAsync();

        var imported = await EventLogVerbs.ImportAsync(fresh.Provider, new StringReader(Encoding.UTF8.GetString(first.ToArray())));
        using var second = new MemoryStream();
        await EventLogFile.ExportAsync(fresh.Get<IEventLog>(), second);

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
    public async Task ABadLine_StopsTheImportNamingIt_AndWritesNothing()
    {
        using var export = new MemoryStream();
        await EventLogFile.ExportAsync(Log, export);
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
        await EventLogFile.ExportAsync(Log, export);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            EventLogVerbs.ImportAsync(Services.Provider, new StringReader(Encoding.UTF8.GetString(export.ToArray()))));

        Assert.Contains("not empty", error.Message);
        Assert.Equal(21, await Services.Get<IEventStore>().ReadHeadAsync());
    }
}

/// <summary>The same tests on PostgreSQL.</summary>
public sealed class EventLogPostgresTests : EventLogTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
