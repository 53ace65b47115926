using MeetingsApp.Calendar;
using MeetingsApp.Data;
using MeetingsApp.Demo;
using MeetingsApp.EventStore;
using MeetingsApp.EventStore.Subscriptions;
using MeetingsApp.Meetings;
using MeetingsApp.Notifications;
using Microsoft.EntityFrameworkCore;

namespace MeetingsApp.Tests.Meetings;

/// <summary>The meeting read model, built live by the subscription host from the demo history, on SQLite.</summary>
public class MeetingProjectionTests : DatabaseTest
{
    private SubscriptionHost<AppDbContext> Host => Services.Get<SubscriptionHost<AppDbContext>>();

    protected override async ValueTask SetUpAsync()
    {
        await Services.Provider.SeedDemoDataAsync();
        await Services.StartSubscriptionsAsync();
        await CaughtUpAsync();
    }

    private async Task CaughtUpAsync() =>
        await Host.WaitForAsync(await Services.Get<IEventStore>().ReadHeadAsync(), TimeSpan.FromSeconds(20));

    private async Task<string> SnapshotAsync()
    {
        await using var db = await Services.Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var summaries = await db.Set<MeetingSummary>().AsNoTracking().OrderBy(s => s.MeetingId).ToListAsync();
        var participants = await db.Set<MeetingParticipant>().AsNoTracking().OrderBy(p => p.MeetingId).ThenBy(p => p.UserId).ToListAsync();
        var proposals = await db.Set<MeetingProposal>().AsNoTracking().OrderBy(p => p.MeetingId).ThenBy(p => p.ProposalId).ToListAsync();
        var notifications = await db.Set<Notification>().AsNoTracking().OrderBy(n => n.Id).ToListAsync();
        return System.Text.Json.JsonSerializer.Serialize(new { summaries, participants, proposals, notifications });
    }

    [Fact]
    public async Task EveryRow_IsTheFoldOfItsStream()
    {
        await using var db = await Services.Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var summaries = await db.Set<MeetingSummary>().AsNoTracking().ToListAsync();
        var participants = await db.Set<MeetingParticipant>().AsNoTracking().ToListAsync();

        Assert.Equal(5, summaries.Count);
        foreach (var summary in summaries)
        {
            var folded = Meeting.Fold(await Services.Get<IEventStore>().ReadPayloadsAsync(summary.MeetingId))!;
            Assert.Equal(folded, MeetingReadModel.ToMeeting(summary, participants.Where(p => p.MeetingId == summary.MeetingId),
                await db.Set<MeetingProposal>().AsNoTracking().Where(p => p.MeetingId == summary.MeetingId).ToListAsync()));
            Assert.Equal((folded.Count(InvitationResponse.Accepted), folded.Count(InvitationResponse.Declined), folded.Count(InvitationResponse.Pending)),
                (summary.Accepted, summary.Declined, summary.Pending));
        }
    }

    [Fact]
    public async Task AFullRebuild_EqualsTheLiveBuiltTables_AndWritesNoSecondNotification()
    {
        var live = await SnapshotAsync();

        await Host.RebuildAsync(MeetingProjection.SubscriberName);

        Assert.Equal(live, await SnapshotAsync());
        Assert.Equal(await Services.Get<IEventStore>().ReadHeadAsync(),
            Host.Status.Single(s => s.Name == MeetingProjection.SubscriberName).Position);
    }

    [Fact]
    public async Task ARandomSequenceOfEveryCommand_FoldsToTheReadModel_AndARebuildEqualsIt()
    {
        var random = new Random(20261201); // fixed, so a failure can be replayed
        var people = await RegisterAsync(8, "Random");
        var meetings = Enumerable.Range(0, 6).Select(_ => Guid.NewGuid()).ToList();
        var (accepted, proposed, proposalsTaken) =
            await RandomCommands.RunAsync(Services.Provider, random, people, meetings, Clock.GetUtcNow().AddDays(2), count: 500);
        await CaughtUpAsync();

        Assert.InRange(accepted, 150, 500);
        Assert.True(proposed >= 20 && proposalsTaken >= 10, $"{proposed} proposals, {proposalsTaken} accepted or dismissed"); // enough of every kind was recorded for the comparison to mean something
        await using (var db = await Services.Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
        {
            foreach (var meetingId in meetings)
            {
                var folded = Meeting.Fold(await Services.Get<IEventStore>().ReadPayloadsAsync(meetingId));
                var summary = await db.Set<MeetingSummary>().AsNoTracking().SingleOrDefaultAsync(s => s.MeetingId == meetingId);
                var participants = await db.Set<MeetingParticipant>().AsNoTracking().Where(p => p.MeetingId == meetingId).ToListAsync();
                var proposals = await db.Set<MeetingProposal>().AsNoTracking().Where(p => p.MeetingId == meetingId).ToListAsync();
                if (folded is null)
                {
                    Assert.Null(summary);
                    continue;
                }
                Assert.Equal(folded, MeetingReadModel.ToMeeting(summary!, participants, proposals));
                Assert.Equal(folded.Invitees.Count + 1, participants.Count); // removed people have no row left
                Assert.Equal((folded.Proposals.Count, folded.Proposals.Count), (proposals.Count, summary!.OpenProposals)); // closed ones leave no row
                Assert.Equal((folded.Count(InvitationResponse.Tentative), folded.Revision), (summary!.Tentative, summary.Revision));
                // The free/busy projection, which folds from its own JSON copy of each meeting, agrees with the fold too.
                var busy = await db.Set<BusyInterval>().AsNoTracking().Where(b => b.MeetingId == meetingId).ToListAsync();
                Assert.Equal(Busy.People(folded).Select(p => (p.UserId, folded.Start.UtcDateTime, folded.End.UtcDateTime)).OrderBy(b => b.UserId),
                    busy.Select(b => (b.UserId, b.Start, b.End)).OrderBy(b => b.UserId));
            }
        }
        var live = await SnapshotAsync();
        await Host.RebuildAsync(MeetingProjection.SubscriberName);
        Assert.Equal(live, await SnapshotAsync());
    }

    [Fact]
    public async Task Reactors_CannotBeRebuilt() =>
        await Assert.ThrowsAsync<InvalidOperationException>(() => Host.RebuildAsync(NotificationReactor.SubscriberName));

    [Fact]
    public async Task ReplayingTheWholeLogAgain_ChangesNothing()
    {
        var before = await SnapshotAsync();
        await Host.StopAsync(CancellationToken.None);
        await using (var db = await Services.Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
        {
            // As if both checkpoints had been lost: every event arrives a second time.
            await db.Set<SubscriptionCheckpoint>().ExecuteUpdateAsync(s => s.SetProperty(c => c.Position, 0L));
        }
        await using var again = await StartAnotherInstanceAsync();
        await again.StartSubscriptionsAsync();
        await again.Get<SubscriptionHost<AppDbContext>>().WaitForAsync(await again.Get<IEventStore>().ReadHeadAsync(), TimeSpan.FromSeconds(20));

        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task ACommand_ReachesTheReadModel()
    {
        var planning = DemoData.Id("meeting:planning");
        await Services.Get<MeetingCommandHandler>().HandleAsync(new DeclineInvitation(planning), new CommandContext(DemoData.Id("user:dave"), Guid.NewGuid()));

        await CaughtUpAsync();

        var details = await Services.Get<MeetingQueries>().GetAsync(planning, DemoData.Id("user:dave"));
        Assert.Equal((InvitationResponse.Declined, 1), (details!.Me.Response, details.Meeting.Declined));
        Assert.Null(await Services.Get<MeetingQueries>().GetAsync(planning, DemoData.Id("user:erin")));
    }
}

/// <summary>The same tests on PostgreSQL.</summary>
public sealed class MeetingProjectionPostgresTests : MeetingProjectionTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
