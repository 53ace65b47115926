using MeetingsApp.Data;
using MeetingsApp.EventStore;
using MeetingsApp.EventStore.Subscriptions;
using MeetingsApp.Meetings;
using MeetingsApp.Tests.Meetings;
using MeetingsApp.Tests.Shared;
using MeetingsApp.Timeline;
using Microsoft.EntityFrameworkCore;

namespace MeetingsApp.Tests.Timeline;

/// <summary>
/// The temporal read model against the fold of the log: random histories of every command, "as of" many instants, for
/// every person; the calendar's window; a rebuild and a replay against the live-built rows. On SQLite.
/// </summary>
public class MeetingVersionProjectionTests : DatabaseTest
{
    private SubscriptionHost<AppDbContext> Host => Services.Get<SubscriptionHost<AppDbContext>>();
    private AsOfQueries AsOf => Services.Get<AsOfQueries>();

    protected override async ValueTask SetUpAsync() => await Services.StartSubscriptionsAsync();

    private async Task CaughtUpAsync() => await Host.WaitForAsync(await Services.Get<IEventStore>().ReadHeadAsync(), TimeSpan.FromSeconds(30));

    private async Task<string> SnapshotAsync()
    {
        await using var db = await Services.Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var rows = await db.Set<MeetingVersionParticipant>().AsNoTracking().ToListAsync();
        return System.Text.Json.JsonSerializer.Serialize(rows.OrderBy(r => r.MeetingId).ThenBy(r => r.Version).ThenBy(r => r.UserId));
    }

    /// <summary>
    /// A random history with the clock moving 0-3 minutes after each command (0: several versions written at one instant).
    /// Returns the people, and every instant at which an event was written.
    /// </summary>
    private async Task<(List<Guid> People, List<DateTimeOffset> Written)> RandomHistoryAsync(int seed, int commands)
    {
        var people = await RegisterAsync(8, "Random");
        var meetings = Enumerable.Range(0, 6).Select(_ => Guid.NewGuid()).ToList();
        var steps = new Random(seed + 1);
        var recorded = await RandomCommands.RunAsync(Services.Provider, new Random(seed), people, meetings, Clock.GetUtcNow().AddDays(2), commands,
            () => Clock.Advance(TimeSpan.FromMinutes(steps.Next(4))));
        Assert.InRange(recorded.Commands, commands / 3, commands);
        await CaughtUpAsync();
        var written = (await Services.Get<IEventStore>().ReadAllAsync(0, int.MaxValue)).Select(e => e.CreatedAt).Distinct().ToList();
        return (people, written);
    }

    /// <summary>Each instant an event was written, a moment before and after it, and a few between and beyond.</summary>
    private static List<DateTimeOffset> InstantsAround(List<DateTimeOffset> written, Random random, int count)
    {
        var instants = new List<DateTimeOffset> { written[0].AddMinutes(-1), written[^1].AddHours(1) };
        for (var i = 0; i < count; i++)
        {
            var at = written[random.Next(written.Count)];
            instants.Add((i % 4) switch { 0 => at, 1 => at.AddMilliseconds(-1), 2 => at.AddMilliseconds(1), _ => at.AddSeconds(random.Next(1, 180)) });
        }
        return instants;
    }

    [Fact]
    public async Task AsOfAnyInstant_EqualsTheFoldOfTheLogUpToIt_ForEveryone()
    {
        var (people, written) = await RandomHistoryAsync(seed: 20261201, commands: 300);
        var random = new Random(7);
        var compared = 0;
        foreach (var instant in InstantsAround(written, random, count: 40))
        {
            foreach (var person in people)
            {
                var expected = FoldedAsOf.InOrder(await FoldedAsOf.MyMeetingsAsync(Services.Provider, person, instant));
                var actual = await Pages.AllAsync(page => AsOf.MyMeetingsAsync(person, instant, page));
                Assert.Equal(expected, FoldedAsOf.InOrder(actual));
                Assert.Equal(actual.Select(m => m.Start), actual.Select(m => m.Start).Order()); // listed by start
                compared += expected.Count;
            }
        }
        Assert.True(compared > 300, $"only {compared} meetings compared"); // the histories had something to compare
    }

    [Fact]
    public async Task TheCalendarAsOfAnyInstant_IsTheFoldFilteredByOverlap_WithTheWindowsEdges()
    {
        var (people, written) = await RandomHistoryAsync(seed: 4242, commands: 250);
        var random = new Random(11);
        var origin = Clock.GetUtcNow();
        var (compared, crossing) = (0, 0);
        foreach (var instant in InstantsAround(written, random, count: 24))
        {
            // Windows of 15 minutes to a day and a half, starting on the quarter hour, across the two days meetings start in.
            var from = origin.AddDays(1).AddMinutes(15 * random.Next(4 * 72));
            var to = from.AddMinutes(15 * random.Next(1, 4 * 36));
            foreach (var person in people)
            {
                var expected = FoldedAsOf.InOrder((await FoldedAsOf.MyMeetingsAsync(Services.Provider, person, instant)).Where(m => m.Start < to && m.End > from));
                Assert.Equal(expected, FoldedAsOf.InOrder(await AsOf.MyCalendarAsync(person, instant, from, to)));
                compared += expected.Count;
                crossing += expected.Count(m => m.Start < from || m.End > to);
            }
        }
        Assert.True(compared > 50 && crossing > 5, $"{compared} meetings compared, {crossing} of them across an edge");
    }

    [Fact]
    public async Task TheCalendar_KeepsMeetingsAcrossItsEdges_AndLeavesOutThoseThatOnlyTouchThem()
    {
        var (alice, bob) = (await RegisterAsync("Alice"), await RegisterAsync("Bob"));
        var handler = Services.Get<MeetingCommandHandler>();
        var from = new DateTimeOffset(Clock.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero).AddDays(3);
        var to = from.AddHours(8);
        async Task<Guid> ScheduleAsync(string title, DateTimeOffset start, TimeSpan duration)
        {
            var id = Guid.NewGuid();
            Assert.True((await handler.HandleAsync(new ScheduleMeeting(id, title, null, start, duration, [bob]), new CommandContext(alice, Guid.NewGuid()))).Succeeded);
            return id;
        }
        await ScheduleAsync("ends as the window opens", from.AddHours(-1), TimeSpan.FromHours(1));
        await ScheduleAsync("starts as the window closes", to, TimeSpan.FromHours(1));
        await ScheduleAsync("across the opening", from.AddMinutes(-30), TimeSpan.FromHours(1));
        await ScheduleAsync("across the closing", to.AddMinutes(-30), TimeSpan.FromHours(1));
        await ScheduleAsync("inside", from.AddHours(2), TimeSpan.FromHours(1));
        await ScheduleAsync("around the whole window", from.AddHours(-12), TimeSpan.FromHours(24));
        await ScheduleAsync("the day before", from.AddHours(-20), TimeSpan.FromHours(2));
        // Longer than any rule allows today, as an older rule or an imported log may have it: the calendar's second range.
        var offsite = Guid.NewGuid();
        await Services.Get<IEventStore>().AppendAsync(offsite, MeetingCommandHandler.StreamType, 0,
            [new MeetingScheduled(offsite, "Three-day off-site", "", "", from.AddDays(-2), TimeSpan.FromDays(3), alice, [bob], Clock.GetUtcNow())],
            EventMetadata.ForCommand(alice, Guid.NewGuid()));
        Clock.Advance(TimeSpan.FromMinutes(1));
        var moved = await ScheduleAsync("moved out later", from.AddHours(4), TimeSpan.FromHours(1));
        var scheduled = Clock.GetUtcNow();
        Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True((await handler.HandleAsync(new RescheduleMeeting(moved, to.AddDays(1)), new CommandContext(alice, Guid.NewGuid()))).Succeeded);
        await CaughtUpAsync();

        string[] Titles(IEnumerable<PastMeeting> meetings) => [.. meetings.Select(m => m.Title)];
        Assert.Equal(["Three-day off-site", "around the whole window", "across the opening", "inside", "across the closing"],
            Titles(await AsOf.MyCalendarAsync(bob, Clock.GetUtcNow(), from, to)));
        Assert.Equal(["Three-day off-site", "around the whole window", "across the opening", "inside", "moved out later", "across the closing"],
            Titles(await AsOf.MyCalendarAsync(bob, scheduled, from, to)));
        Assert.Empty(await AsOf.MyCalendarAsync(bob, from.AddDays(-30), from, to)); // before anything was scheduled
    }

    [Fact]
    public async Task AnAsOfView_ShowsOnlyWhoStillTakesPart_AndOnlyWhatTheyTookPartInThen()
    {
        var (alice, bob, carol) = (await RegisterAsync("Alice"), await RegisterAsync("Bob"), await RegisterAsync("Carol"));
        var handler = Services.Get<MeetingCommandHandler>();
        var id = Guid.NewGuid();
        async Task DoAsync<T>(T command, Guid actor) where T : IMeetingCommand<T>
        {
            Clock.Advance(TimeSpan.FromMinutes(10));
            Assert.True((await handler.HandleAsync(command, new CommandContext(actor, Guid.NewGuid()))).Succeeded);
        }
        await DoAsync(new ScheduleMeeting(id, "Review", null, Clock.GetUtcNow().AddDays(1), TimeSpan.FromHours(1), [bob]), alice);
        var bobOnly = Clock.GetUtcNow();
        await DoAsync(new InvitePeople(id, [carol]), alice);
        await DoAsync(new RemovePeople(id, [bob]), alice);
        await CaughtUpAsync();

        Assert.Empty((await AsOf.MyMeetingsAsync(bob, bobOnly)).Items); // he took part then, but not now
        Assert.Empty((await AsOf.MyMeetingsAsync(carol, bobOnly)).Items); // she takes part now, but did not then
        Assert.Equal(InvitationResponse.Pending, (await AsOf.MyMeetingsAsync(carol, Clock.GetUtcNow())).Items.Single().Response);
        Assert.True((await AsOf.MyMeetingsAsync(alice, bobOnly)).Items.Single().IsOrganizer);
    }

    [Fact]
    public async Task ARebuild_EqualsTheLiveBuiltRows_AndSoDoesAReplay()
    {
        await RandomHistoryAsync(seed: 99, commands: 200);
        var live = await SnapshotAsync();

        await Host.RebuildAsync(MeetingVersionProjection.SubscriberName);
        Assert.Equal(live, await SnapshotAsync());

        await Host.StopAsync(CancellationToken.None);
        await using (var db = await Services.Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
        {
            await db.Set<SubscriptionCheckpoint>().Where(c => c.Name == MeetingVersionProjection.SubscriberName)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Position, 0L)); // as if the checkpoint were lost: every event again
        }
        await using var again = await StartAnotherInstanceAsync();
        await again.StartSubscriptionsAsync();
        await again.Get<SubscriptionHost<AppDbContext>>().WaitForAsync(await again.Get<IEventStore>().ReadHeadAsync(), TimeSpan.FromSeconds(30));
        Assert.Equal(live, await SnapshotAsync());
    }
}

/// <summary>The same tests on PostgreSQL.</summary>
public sealed class MeetingVersionProjectionPostgresTests : MeetingVersionProjectionTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
