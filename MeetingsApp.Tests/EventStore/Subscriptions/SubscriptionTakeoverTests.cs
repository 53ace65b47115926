using MeetingsApp.Data;
using MeetingsApp.EventStore.Subscriptions;
using MeetingsApp.Meetings;
using MeetingsApp.Notifications;
using MeetingsApp.Tests.EndToEnd;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace MeetingsApp.Tests.EventStore.Subscriptions;

/// <summary>
/// Two app instances on one PostgreSQL database: the app in a process of its own, which starts first and so holds the
/// subscriptions, and this test's services, which follow it until the process is killed.
/// </summary>
public sealed class SubscriptionTakeoverTests : DatabaseTest
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;

    private SubscriptionHost<AppDbContext> Host => Services.Get<SubscriptionHost<AppDbContext>>();

    /// <summary>This test's instance is the upgraded version: it reads <see cref="ThingTeleported"/>, which the app's own build has never heard of.</summary>
    protected override void Configure(IServiceCollection services)
    {
        base.Configure(services);
        services.AddEventTypes<TeleportEvents>();
    }

    private async Task<long> ScheduleAsync(Guid organiser, Guid guest, string title)
    {
        var result = await Services.Get<MeetingCommandHandler>().HandleAsync(
            new ScheduleMeeting(Guid.NewGuid(), title, null, Clock.GetUtcNow().AddDays(1), TimeSpan.FromHours(1), [guest]),
            new CommandContext(organiser, Guid.NewGuid()));
        return result.Appended!.LastPosition;
    }

    private static async Task WaitForStatesAsync(SubscriptionHost<AppDbContext> host, SubscriptionState state, TimeSpan timeout)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!host.Status.All(s => s.State == state))
        {
            Assert.True(watch.Elapsed < timeout, $"Subscribers never became {state}: {string.Join(", ", host.Status.Select(s => $"{s.Name} {s.State} {s.Error}"))}");
            await Task.Delay(50);
        }
    }

    /// <summary>
    /// The server processes (sessions) holding subscription leases in this test's database (exclusive: the shared ones say
    /// which event types an instance reads).
    /// </summary>
    private async Task<List<int>> LeaseHoldersAsync()
    {
        await using var connection = (NpgsqlConnection)OpenConnection();
        await using var command = new NpgsqlCommand("""
            SELECT l.pid FROM pg_locks l JOIN pg_database d ON d.oid = l.database
            WHERE l.locktype = 'advisory' AND l.mode = 'ExclusiveLock' AND l.granted AND d.datname = current_database()
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var pids = new List<int>();
        while (await reader.ReadAsync()) pids.Add(reader.GetInt32(0));
        return pids;
    }

    [Fact]
    public async Task KillingTheInstanceThatAppliesTheSubscribers_LetsTheOtherTakeThemOver()
    {
        var (organiser, guest) = (await RegisterAsync("Org"), await RegisterAsync("Guest"));
        await using var first = await AppProcess.StartAsync(new Dictionary<string, string>
        {
            ["Database:Provider"] = "Postgres", ["ConnectionStrings:Meetings"] = ConnectionString, ["Demo:Seed"] = "false",
        });
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while ((await LeaseHoldersAsync()).Count < 2) // its two subscribers take their leases as they start
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"The app never took its leases:\n{first.Output}");
            await Task.Delay(100);
        }
        await Services.StartSubscriptionsAsync();
        await WaitForStatesAsync(Host, SubscriptionState.Following, TimeSpan.FromSeconds(10));

        // Written here, applied there: this instance learns of it from the other's checkpoint.
        var before = await ScheduleAsync(organiser, guest, "Before the crash");
        await Host.WaitForAsync(before, TimeSpan.FromSeconds(10));
        Assert.All(Host.Status, s => Assert.Equal(SubscriptionState.Following, s.State));

        await first.KillAsync();
        var after = await ScheduleAsync(organiser, guest, "After the crash");
        await Host.WaitForAsync(after, TimeSpan.FromSeconds(20));

        Assert.All(Host.Status, s => Assert.Equal(SubscriptionState.Running, s.State));
        await using var db = await Services.Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        Assert.Equal(["After the crash", "Before the crash"], await db.Set<MeetingSummary>().Select(m => m.Title).OrderBy(t => t).ToListAsync());
        // The reactor's effects, once each: one invitation notification per meeting, whichever instance wrote it.
        Assert.Equal(2, await db.Set<Notification>().CountAsync(n => n.UserId == guest));
    }

    /// <summary>
    /// A rolling upgrade, one process at a time: the old version, in a process of its own, applies the subscribers; the new one
    /// (this test's instance) starts, follows, and writes an event of a type only it reads. The old process hands every
    /// subscriber to it instead of parking the event, and the new instance applies the log from there, once.
    /// </summary>
    [Fact]
    public async Task DuringARollingUpgrade_TheOldProcessHandsTheSubscribersToTheNewVersion_InsteadOfParking()
    {
        var (organiser, guest) = (await RegisterAsync("Org"), await RegisterAsync("Guest"));
        await using var old = await AppProcess.StartAsync(new Dictionary<string, string>
        {
            ["Database:Provider"] = "Postgres", ["ConnectionStrings:Meetings"] = ConnectionString, ["Demo:Seed"] = "false",
        });
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while ((await LeaseHoldersAsync()).Count < Host.Status.Count)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"The old version never took its leases:\n{old.Output}");
            await Task.Delay(100);
        }
        await Services.StartSubscriptionsAsync();
        await WaitForStatesAsync(Host, SubscriptionState.Following, TimeSpan.FromSeconds(10));
        await Host.WaitForAsync(await ScheduleAsync(organiser, guest, "Before the new event"), TimeSpan.FromSeconds(10));

        await Services.Get<IEventStore>().AppendAsync(Guid.NewGuid(), "Thing", 0, [new ThingTeleported("Mars")],
            EventMetadata.ForCommand(organiser, Guid.NewGuid()));
        var after = await ScheduleAsync(organiser, guest, "After the new event");
        await Host.WaitForAsync(after, TimeSpan.FromSeconds(30));
        await WaitForStatesAsync(Host, SubscriptionState.Running, TimeSpan.FromSeconds(20));

        Assert.Empty(await Services.Get<ParkedStreams<AppDbContext>>().ListAsync());
        Assert.Contains("handing the subscriber over", old.Output);
        Assert.DoesNotContain("parked stream", old.Output);
        await using var db = await Services.Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        Assert.Equal(["After the new event", "Before the new event"], await db.Set<MeetingSummary>().Select(m => m.Title).OrderBy(t => t).ToListAsync());
        Assert.Equal(2, await db.Set<Notification>().CountAsync(n => n.UserId == guest));
    }

    /// <summary>The lease holder's session ends (a network blip, a failover) while its instance lives on.</summary>
    [Fact]
    public async Task WhenTheLeaseSessionIsCut_AnotherInstanceTakesOver_AndTheFirstFollows()
    {
        var (organiser, guest) = (await RegisterAsync("Org"), await RegisterAsync("Guest"));
        await Services.StartSubscriptionsAsync();
        await WaitForStatesAsync(Host, SubscriptionState.Running, TimeSpan.FromSeconds(10));
        await using var second = await StartAnotherInstanceAsync();
        await second.StartSubscriptionsAsync();
        var secondHost = second.Get<SubscriptionHost<AppDbContext>>();
        await WaitForStatesAsync(secondHost, SubscriptionState.Following, TimeSpan.FromSeconds(10));

        await using (var connection = (NpgsqlConnection)OpenConnection())
        await using (var cut = new NpgsqlCommand("SELECT pg_terminate_backend(@pid)", connection))
        {
            cut.Parameters.AddWithValue("pid", Assert.Single((await LeaseHoldersAsync()).Distinct()));
            await cut.ExecuteScalarAsync();
        }
        var position = await ScheduleAsync(organiser, guest, "After the cut");

        await WaitForStatesAsync(secondHost, SubscriptionState.Running, TimeSpan.FromSeconds(20));
        await WaitForStatesAsync(Host, SubscriptionState.Following, TimeSpan.FromSeconds(20));
        await Host.WaitForAsync(position, TimeSpan.FromSeconds(10));
        await secondHost.WaitForAsync(position, TimeSpan.FromSeconds(10));
        await using var db = await Services.Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        Assert.Equal("After the cut", await db.Set<MeetingSummary>().Select(m => m.Title).SingleAsync());
    }
}
