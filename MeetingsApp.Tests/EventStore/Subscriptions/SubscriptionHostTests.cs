using MeetingsApp.Data;
using MeetingsApp.EventStore;
using MeetingsApp.EventStore.Subscriptions;
using MeetingsApp.Meetings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MeetingsApp.Tests.EventStore.Subscriptions;

/// <summary>The meeting projection, wrapped so that it can be made to fail in the middle of a batch.</summary>
public sealed class FailingProjection(MeetingProjection inner) : ISubscriber<AppDbContext>
{
    public volatile bool Fail;

    public string Name => MeetingProjection.SubscriberName;

    public SubscriberKind Kind => SubscriberKind.Projection;

    public async Task ApplyAsync(AppDbContext db, RecordedEvent @event, CancellationToken ct)
    {
        await inner.ApplyAsync(db, @event, ct);
        if (Fail && @event.Version == 2) throw new InvalidOperationException("disk on fire");
    }
}

public class SubscriptionHostTests : DatabaseTest
{
    private readonly FailingProjection _projection = new(new MeetingProjection());

    protected override void Configure(IServiceCollection services)
    {
        base.Configure(services);
        services.RemoveAll<ISubscriber<AppDbContext>>();
        services.AddSingleton<ISubscriber<AppDbContext>>(_projection);
        services.Configure<SubscriptionOptions>(o => o.RetryDelay = TimeSpan.FromMilliseconds(100));
    }

    private SubscriptionHost<AppDbContext> Host => Services.Get<SubscriptionHost<AppDbContext>>();

    private async Task<(int Summaries, long Checkpoint)> ReadModelAsync()
    {
        await using var db = await Services.Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return (await db.Set<MeetingSummary>().CountAsync(),
            await db.Set<SubscriptionCheckpoint>().Where(c => c.Name == MeetingProjection.SubscriberName).Select(c => c.Position).SingleOrDefaultAsync());
    }

    private async Task<SubscriptionStatus> WaitForStateAsync(SubscriptionState state)
    {
        for (var i = 0; i < 500; i++)
        {
            var status = Host.Status.Single();
            if (status.State == state) return status;
            await Task.Delay(20);
        }
        throw new TimeoutException($"Never {state}: {Host.Status.Single()}");
    }

    private async Task ScheduleAndAcceptAsync()
    {
        var (organiser, guest) = (await RegisterAsync("Org"), await RegisterAsync("Guest"));
        var meetingId = Guid.NewGuid();
        var store = Services.Get<IEventStore>();
        var now = Clock.GetUtcNow();
        // One append of two events: the subscriber sees them in one batch.
        await store.AppendAsync(meetingId, MeetingCommandHandler.StreamType, 0,
            [new MeetingScheduled(meetingId, "T", "", "", now.AddDays(1), TimeSpan.FromHours(1), organiser, [guest], now), new InvitationAccepted(meetingId, guest, null, now)],
            EventMetadata.ForCommand(organiser, Guid.NewGuid()));
    }

    [Fact]
    public async Task AFailureInsideABatch_LeavesReadModelAndCheckpointUnchanged_ThenRecovers()
    {
        _projection.Fail = true;
        await Services.StartSubscriptionsAsync();
        await ScheduleAndAcceptAsync();

        var halted = await WaitForStateAsync(SubscriptionState.Halted);

        Assert.Contains("disk on fire", halted.Error);
        Assert.Equal((0, 0L), await ReadModelAsync());

        _projection.Fail = false;
        await Host.WaitForAsync(2, TimeSpan.FromSeconds(10));
        Assert.Equal((1, 2L), await ReadModelAsync());
        Assert.Equal(SubscriptionState.Running, Host.Status.Single().State);
    }

    [Fact]
    public async Task AnUnreadableEvent_HaltsTheSubscriberRightBeforeIt_AndIsReported()
    {
        await Services.StartSubscriptionsAsync();
        await ScheduleAndAcceptAsync();
        InsertRawEvent(Guid.NewGuid(), "Meeting", "meeting_teleported", 1, 1, "{}");

        var halted = await WaitForStateAsync(SubscriptionState.Halted);

        Assert.Contains("meeting_teleported", halted.Error);
        Assert.Contains("unknown event type", halted.Error);
        Assert.Equal(2, halted.Position);
        Assert.Equal((1, 2L), await ReadModelAsync());
    }
}

/// <summary>The same tests on PostgreSQL.</summary>
public sealed class SubscriptionHostPostgresTests : SubscriptionHostTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
