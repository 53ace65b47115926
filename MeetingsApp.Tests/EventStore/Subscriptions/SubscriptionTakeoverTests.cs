using MeetingsApp.Data;
using MeetingsApp.EventStore.Subscriptions;
using MeetingsApp.Meetings;
using MeetingsApp.Notifications;
using MeetingsApp.Tests.EndToEnd;
using Microsoft.EntityFrameworkCore;

namespace MeetingsApp.Tests.EventStore.Subscriptions;

/// <summary>
/// Two app instances on one PostgreSQL database: the app in a process of its own, which starts first and so holds the
/// subscriptions, and this test's services, which follow it until the process is killed.
/// </summary>
public sealed class SubscriptionTakeoverTests : DatabaseTest
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;

    private SubscriptionHost<AppDbContext> Host => Services.Get<SubscriptionHost<AppDbContext>>();

    private async Task<long> ScheduleAsync(Guid organiser, Guid guest, string title)
    {
        var result = await Services.Get<MeetingCommandHandler>().HandleAsync(
            new ScheduleMeeting(Guid.NewGuid(), title, null, Clock.GetUtcNow().AddDays(1), TimeSpan.FromHours(1), [guest]),
            new CommandContext(organiser, Guid.NewGuid()));
        return result.Appended!.LastPosition;
    }

    private async Task WaitForStatesAsync(SubscriptionState state, TimeSpan timeout)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!Host.Status.All(s => s.State == state))
        {
            Assert.True(watch.Elapsed < timeout, $"Subscribers never became {state}: {string.Join(", ", Host.Status.Select(s => $"{s.Name} {s.State} {s.Error}"))}");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task KillingTheInstanceThatAppliesTheSubscribers_LetsTheOtherTakeThemOver()
    {
        var (organiser, guest) = (await RegisterAsync("Org"), await RegisterAsync("Guest"));
        await using var first = await AppProcess.StartAsync(new Dictionary<string, string>
        {
            ["Database:Provider"] = "Postgres", ["ConnectionStrings:Meetings"] = ConnectionString, ["Demo:Seed"] = "false",
        });
        await Task.Delay(TimeSpan.FromSeconds(1)); // its subscribers take their leases as they start
        await Services.StartSubscriptionsAsync();
        await WaitForStatesAsync(SubscriptionState.Following, TimeSpan.FromSeconds(10));

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
}
