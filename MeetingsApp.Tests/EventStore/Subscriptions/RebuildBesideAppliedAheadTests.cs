using MeetingsApp.Data;
using MeetingsApp.EventStore.Subscriptions;
using MeetingsApp.Meetings;
using MeetingsApp.Verbs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MeetingsApp.Tests.EventStore.Subscriptions;

/// <summary>
/// One instance applies the next event ahead of its transaction, from the rows as they are; meanwhile another instance
/// (or the rebuild-projections verb beside the running app) rebuilds those tables from a head just before that event, and
/// commits first. The checkpoint's position is then what the first instance expects, yet the rows it worked from are gone:
/// it must apply the event again on the rebuilt rows, not save what it worked out from the old ones.
/// </summary>
public class RebuildBesideAppliedAheadTests : DatabaseTest
{
    private Guid _alice, _bob, _carol;

    /// <summary>The meetings projection, held where a test says: after it applied an event, or after a rebuild folded the log.</summary>
    private sealed class PausingProjection(MeetingProjection inner) : IProjection<AppDbContext>
    {
        public Pause? AfterApply { get; set; }
        public Pause? AfterFold { get; set; }

        public string Name => inner.Name;
        public SubscriberKind Kind => inner.Kind;
        public bool WritesOnlyThroughChangeTracker => inner.WritesOnlyThroughChangeTracker;

        public async Task ApplyAsync(AppDbContext db, RecordedEvent @event, CancellationToken ct)
        {
            await inner.ApplyAsync(db, @event, ct);
            if (AfterApply is { } pause) await pause.HoldAsync();
            AfterApply = null;
        }

        public async Task<Func<AppDbContext, CancellationToken, Task>> RebuildAsync(IAsyncEnumerable<IReadOnlyList<RecordedEvent>> log, CancellationToken ct)
        {
            var write = await inner.RebuildAsync(log, ct);
            if (AfterFold is { } pause) await pause.HoldAsync();
            return write;
        }
    }

    private sealed class Pause
    {
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Reached => _reached.Task.WaitAsync(TimeSpan.FromSeconds(30));

        public Task HoldAsync()
        {
            _reached.TrySetResult();
            return _released.Task;
        }

        public void Release() => _released.TrySetResult();
    }

    protected override void Configure(IServiceCollection services)
    {
        base.Configure(services);
        services.RemoveAll<ISubscriber<AppDbContext>>();
        services.AddSingleton<MeetingProjection>();
        services.AddSingleton<ISubscriber<AppDbContext>>(s => new PausingProjection(s.GetRequiredService<MeetingProjection>()));
    }

    protected override async ValueTask SetUpAsync() =>
        (_alice, _bob, _carol) = (await RegisterAsync("Alice"), await RegisterAsync("Bob"), await RegisterAsync("Carol"));

    private static PausingProjection ProjectionOf(StandaloneServices instance) => (PausingProjection)instance.Get<ISubscriber<AppDbContext>>();

    [Fact]
    public async Task AnEventAppliedAheadFromRowsThatARebuildThenReplaced_IsAppliedAgainOnTheRebuiltRows()
    {
        await Services.StartSubscriptionsAsync();
        var handler = Services.Get<MeetingCommandHandler>();
        var host = Services.Get<SubscriptionHost<AppDbContext>>();
        var meeting = Guid.NewGuid();
        var scheduled = await handler.HandleAsync(new ScheduleMeeting(meeting, "Planning", null, Clock.GetUtcNow().AddDays(1), TimeSpan.FromHours(1), [_bob, _carol]),
            new CommandContext(_alice, Guid.NewGuid()));
        await host.WaitForAsync(scheduled.Appended!.LastPosition, TimeSpan.FromSeconds(30));
        // The table drifts from the log (a projection's bug, say, since fixed): putting that right is what the rebuild is for.
        await using (var db = await Services.Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
            await db.Set<MeetingParticipant>().Where(p => p.MeetingId == meeting && p.UserId == _carol)
                .ExecuteUpdateAsync(p => p.SetProperty(x => x.Response, InvitationResponse.Declined));

        await using var other = await StartAnotherInstanceAsync();
        var (here, there) = (ProjectionOf(Services), ProjectionOf(other));
        there.AfterFold = new Pause();
        var rebuild = other.Get<SubscriptionHost<AppDbContext>>().RebuildAsync(MeetingProjection.SubscriberName);
        await there.AfterFold.Reached; // the other instance has folded the log up to the scheduling
        here.AfterApply = new Pause();
        var accepted = await handler.HandleAsync(new AcceptInvitation(meeting), new CommandContext(_bob, Guid.NewGuid()));
        await here.AfterApply.Reached; // this one has applied Bob's answer to the drifted rows, ahead of its transaction
        there.AfterFold.Release();
        await rebuild.WaitAsync(TimeSpan.FromSeconds(30)); // the rebuilt rows have committed; the checkpoint is still at the scheduling
        here.AfterApply.Release();
        await host.WaitForAsync(accepted.Appended!.LastPosition, TimeSpan.FromSeconds(30));

        await using var check = await Services.Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var summary = await check.Set<MeetingSummary>().AsNoTracking().SingleAsync(s => s.MeetingId == meeting);
        var participants = await check.Set<MeetingParticipant>().AsNoTracking().Where(p => p.MeetingId == meeting).ToListAsync();
        Assert.Equal((1, 0, 1), (summary.Accepted, summary.Declined, summary.Pending));
        Assert.Equal(InvitationResponse.Pending, participants.Single(p => p.UserId == _carol).Response);
        Assert.Equal(Meeting.Fold(await Services.Get<IEventStore>().ReadPayloadsAsync(meeting)), MeetingReadModel.ToMeeting(summary, participants, []));
        Assert.Empty(await Services.Get<ParkedStreams<AppDbContext>>().ListAsync());
    }
}

public sealed class RebuildBesideAppliedAheadPostgresTests : RebuildBesideAppliedAheadTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
