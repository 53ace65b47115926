using MeetingsApp.Admin;
using MeetingsApp.Demo;

namespace MeetingsApp.Tests.Admin;

/// <summary>The admin's reports over the log: filters, keyset paging, counts per day.</summary>
public class EventLogQueriesTests : DatabaseTest
{
    private EventLogQueries Log => Services.Get<EventLogQueries>();

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
        Assert.All(inPlanning, e => Assert.Equal(planning, e.StreamId));
        Assert.Equal(2, inPlanning.Count);
        Assert.Equal(all.Where(e => e.CreatedAt <= firstDay.AddDays(2)).Select(e => e.Position), early.Select(e => e.Position));
        Assert.Equal(all.Select(e => e.Position).OrderDescending(), all.Select(e => e.Position));
    }

    [Fact]
    public async Task Paging_WalksTheWholeLogNewestFirst()
    {
        var seen = new List<long>();
        for (long? before = null; ;)
        {
            var page = await Log.PageAsync(new EventLogFilter(), before, 5);
            if (page.Count == 0) break;
            seen.AddRange(page.Select(e => e.Position));
            before = page[^1].Position;
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
}

/// <summary>The same tests on PostgreSQL.</summary>
public sealed class EventLogQueriesPostgresTests : EventLogQueriesTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
