using MeetingsApp.Data;
using MeetingsApp.EventStore;
using MeetingsApp.Meetings;

namespace MeetingsApp.Tests.Meetings;

/// <summary>The whole command path on a real SQLite file: validate, load, decide, append, retry.</summary>
public class MeetingCommandHandlerTests : DatabaseTest
{
    protected MeetingCommandHandler Handler => Services.Get<MeetingCommandHandler>();
    protected IEventStore Store => Services.Get<IEventStore>();
    protected Guid Organiser { get; set; }

    protected override async ValueTask SetUpAsync() => Organiser = await RegisterAsync("Olga Organiser");

    protected ScheduleMeeting Schedule(Guid meetingId, IReadOnlyList<Guid> invitees) =>
        new(meetingId, "Design review", null, Clock.GetUtcNow().AddDays(2), TimeSpan.FromMinutes(45), invitees);

    protected static CommandContext As(Guid user) => new(user, Guid.NewGuid());

    protected async Task<Meeting?> LoadAsync(Guid meetingId) =>
        Meeting.Fold((await Store.ReadStreamAsync(meetingId)).Select(e => e.Data));

    [Fact]
    public async Task Schedule_ThenAccept_AppendsBothAndTheStateFollows()
    {
        var (meetingId, bob) = (Guid.NewGuid(), await RegisterAsync("Bob"));

        var scheduled = await Handler.HandleAsync(Schedule(meetingId, [bob]), As(Organiser));
        var accepted = await Handler.HandleAsync(new AcceptInvitation(meetingId), As(bob));

        Assert.True(scheduled.Succeeded);
        Assert.Equal(2, accepted.Appended!.LastVersion);
        var state = await LoadAsync(meetingId);
        Assert.Equal((2, InvitationResponse.Accepted, Organiser), (state!.Version, state.InviteeOf(bob)!.Response, state.OrganizerId));
        var events = await Store.ReadStreamAsync(meetingId);
        Assert.Equal([Organiser, bob], events.Select(e => e.Metadata.UserId));
    }

    [Fact]
    public async Task InvalidInput_ReturnsFieldErrors_AndWritesNothing()
    {
        var meetingId = Guid.NewGuid();

        var result = await Handler.HandleAsync(Schedule(meetingId, []) with { Title = "" }, As(Organiser));

        Assert.Equal(MeetingErrorCode.Invalid, result.Error!.Code);
        Assert.Equal(["InviteeIds", "Title"], result.Error.Fields.Keys.Order());
        Assert.Empty(await Store.ReadAllAsync(0, 10));
    }

    [Fact]
    public async Task ARejectedCommand_WritesNothing()
    {
        var (meetingId, bob) = (Guid.NewGuid(), await RegisterAsync("Bob"));
        await Handler.HandleAsync(Schedule(meetingId, [bob]), As(Organiser));

        var result = await Handler.HandleAsync(new CancelMeeting(meetingId), As(bob));

        Assert.Equal(MeetingErrorCode.NotOrganizer, result.Error!.Code);
        Assert.Equal(1, (await LoadAsync(meetingId))!.Version);
    }

    /// <summary>A command id answers for the append it made, on its meeting: reused for another meeting, it is refused, not taken for done.</summary>
    [Fact]
    public async Task ACommandIdReusedForAnotherMeeting_IsRefused_AndChangesNothing()
    {
        var (first, second, bob) = (Guid.NewGuid(), Guid.NewGuid(), await RegisterAsync("Bob"));
        var reused = Guid.NewGuid();
        Assert.True((await Handler.HandleAsync(Schedule(first, [bob]), new CommandContext(Organiser, reused))).Succeeded);
        Assert.True((await Handler.HandleAsync(Schedule(second, [bob]), As(Organiser))).Succeeded);

        var accepted = await Handler.HandleAsync(new AcceptInvitation(second), new CommandContext(bob, reused));
        var scheduled = await Handler.HandleAsync(Schedule(Guid.NewGuid(), [bob]), new CommandContext(Organiser, reused));

        Assert.Equal((MeetingErrorCode.CommandIdReused, MeetingErrorCode.CommandIdReused), (accepted.Error?.Code, scheduled.Error?.Code));
        Assert.Equal(1, (await LoadAsync(second))!.Version);
        // Its own meeting still answers a repeat of it as done.
        Assert.True((await Handler.HandleAsync(Schedule(first, [bob]), new CommandContext(Organiser, reused))).Succeeded);
    }

    [Fact]
    public async Task TheSameCommandIdTwice_IsRecordedOnce_AndBothCallsSucceed()
    {
        var (meetingId, bob) = (Guid.NewGuid(), await RegisterAsync("Bob"));
        await Handler.HandleAsync(Schedule(meetingId, [bob]), As(Organiser));
        var doubleClick = As(bob);

        var results = await Task.WhenAll(
            Handler.HandleAsync(new AcceptInvitation(meetingId), doubleClick),
            Handler.HandleAsync(new AcceptInvitation(meetingId), doubleClick));

        Assert.All(results, r => Assert.True(r.Succeeded));
        Assert.Equal(results[0].Appended!.LastPosition, results[1].Appended!.LastPosition);
        Assert.Equal(2, (await Store.ReadStreamAsync(meetingId)).Count);
    }

    [Fact]
    public async Task FiftyInviteesAcceptingInParallel_AllCount_WithNoGapInVersions()
    {
        var meetingId = Guid.NewGuid();
        var invitees = await RegisterAsync(50);
        await Handler.HandleAsync(Schedule(meetingId, invitees), As(Organiser));

        var results = await Task.WhenAll(invitees.Select(user =>
            Task.Run(() => Handler.HandleAsync(new AcceptInvitation(meetingId), As(user)))));

        Assert.All(results, r => Assert.Null(r.Error));
        var events = await Store.ReadStreamAsync(meetingId);
        Assert.Equal(Enumerable.Range(1, 51), events.Select(e => e.Version));
        Assert.Equal(50, (await LoadAsync(meetingId))!.Count(InvitationResponse.Accepted));
    }

    [Fact]
    public async Task TwoInstancesAnsweringAtOnce_BothCount_TheLoserRetriesOnFreshState()
    {
        var (meetingId, bob, carol) = (Guid.NewGuid(), await RegisterAsync("Bob"), await RegisterAsync("Carol"));
        await Handler.HandleAsync(Schedule(meetingId, [bob, carol]), As(Organiser));
        await using var other = await StartAnotherInstanceAsync();

        var results = await Task.WhenAll(
            Task.Run(() => Handler.HandleAsync(new AcceptInvitation(meetingId), As(bob))),
            Task.Run(() => other.Get<MeetingCommandHandler>().HandleAsync(new DeclineInvitation(meetingId), As(carol))));

        Assert.All(results, r => Assert.Null(r.Error));
        var state = await LoadAsync(meetingId);
        Assert.Equal((3, InvitationResponse.Accepted, InvitationResponse.Declined),
            (state!.Version, state.InviteeOf(bob)!.Response, state.InviteeOf(carol)!.Response));
    }

    /// <summary>
    /// This instance keeps the state its last command on a meeting left (<see cref="StreamStateCache{TState}"/>); another
    /// instance then writes to the meeting. A command that the kept state would refuse (Carol is not invited there) is
    /// decided again on the stream as it is, and one that it would allow is appended at the kept version, refused, and
    /// decided again: both are recorded, in order, and the kept state follows.
    /// </summary>
    [Fact]
    public async Task AfterAnotherInstanceWrote_TheStateThisInstanceKept_DecidesNothingOnItsOwn()
    {
        var (meetingId, bob, carol) = (Guid.NewGuid(), await RegisterAsync("Bob"), await RegisterAsync("Carol"));
        await Handler.HandleAsync(Schedule(meetingId, [bob]), As(Organiser));
        await Handler.HandleAsync(new AcceptInvitation(meetingId), As(bob)); // kept here at version 2
        await using var other = await StartAnotherInstanceAsync();
        var elsewhere = other.Get<MeetingCommandHandler>();
        Assert.True((await elsewhere.HandleAsync(new InvitePeople(meetingId, [carol]), As(Organiser))).Succeeded);

        var carolAccepts = await Handler.HandleAsync(new AcceptInvitation(meetingId), As(carol));
        Assert.True((await elsewhere.HandleAsync(new EditMeetingDetails(meetingId, "Design review, second round", null, null), As(Organiser))).Succeeded);
        var bobDeclines = await Handler.HandleAsync(new DeclineInvitation(meetingId), As(bob));
        var bobAcceptsAgain = await Handler.HandleAsync(new AcceptInvitation(meetingId), As(bob));

        Assert.Equal((4, 6, 7), (carolAccepts.Appended?.LastVersion, bobDeclines.Appended?.LastVersion, bobAcceptsAgain.Appended?.LastVersion));
        var state = await LoadAsync(meetingId);
        Assert.Equal(("Design review, second round", InvitationResponse.Accepted, InvitationResponse.Accepted),
            (state!.Title, state.InviteeOf(bob)!.Response, state.InviteeOf(carol)!.Response));
        Assert.Equal(Enumerable.Range(1, 7), (await Store.ReadStreamAsync(meetingId)).Select(e => e.Version));
    }

    /// <summary>
    /// An instance that keeps no state for a meeting assumes an empty stream, as scheduling expects: scheduling a meeting
    /// that another instance already scheduled is refused by the append and then, on the stream as it is, by the rules.
    /// </summary>
    [Fact]
    public async Task SchedulingAnExistingMeetingThroughAnotherInstance_IsRefused_AndWritesNothing()
    {
        var (meetingId, bob) = (Guid.NewGuid(), await RegisterAsync("Bob"));
        await Handler.HandleAsync(Schedule(meetingId, [bob]), As(Organiser));
        await using var other = await StartAnotherInstanceAsync();

        var again = await other.Get<MeetingCommandHandler>().HandleAsync(Schedule(meetingId, [bob]), As(Organiser));

        Assert.Equal(MeetingErrorCode.AlreadyExists, again.Error?.Code);
        Assert.Single(await Store.ReadStreamAsync(meetingId));
    }

    /// <summary>A refusal on the state this instance kept is the same refusal on the stream, with nothing written.</summary>
    [Fact]
    public async Task ARefusalOnTheKeptState_StillRefuses_AndWritesNothing()
    {
        var (meetingId, bob) = (Guid.NewGuid(), await RegisterAsync("Bob"));
        await Handler.HandleAsync(Schedule(meetingId, [bob]), As(Organiser));
        await Handler.HandleAsync(new CancelMeeting(meetingId, "No longer needed"), As(Organiser));

        var result = await Handler.HandleAsync(new AcceptInvitation(meetingId), As(bob));

        Assert.Equal(MeetingErrorCode.NotScheduled, result.Error?.Code);
        Assert.Equal(2, (await Store.ReadStreamAsync(meetingId)).Count);
    }

    [Fact]
    public async Task Finish_UsesTheInjectedClock()
    {
        var (meetingId, bob) = (Guid.NewGuid(), await RegisterAsync("Bob"));
        await Handler.HandleAsync(Schedule(meetingId, [bob]), As(Organiser));

        var early = await Handler.HandleAsync(new FinishMeeting(meetingId), As(Organiser));
        Clock.Advance(TimeSpan.FromDays(2) + TimeSpan.FromMinutes(1));
        var onTime = await Handler.HandleAsync(new FinishMeeting(meetingId), As(Organiser));

        Assert.Equal(MeetingErrorCode.NotStartedYet, early.Error!.Code);
        Assert.True(onTime.Succeeded);
        Assert.Equal(MeetingStatus.Finished, (await LoadAsync(meetingId))!.Status);
    }
}

/// <summary>The same tests on PostgreSQL.</summary>
public sealed class MeetingCommandHandlerPostgresTests : MeetingCommandHandlerTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;

    /// <summary>
    /// Within one instance, commands on a meeting queue; across instances only the database's unique index decides, and
    /// the loser re-decides on fresh state (with a short random pause), up to <see cref="MeetingCommandHandler.MaxRetries"/>
    /// times. Nothing is lost either way: an answer is counted, or its sender hears "the meeting changed meanwhile" and can
    /// send it again.
    /// </summary>
    [Fact]
    public async Task FiftyInviteesAcceptingInParallel_ThroughTwoInstances_AllCount_WithNoGapInVersions()
    {
        var meetingId = Guid.NewGuid();
        var invitees = await RegisterAsync(50);
        await Handler.HandleAsync(Schedule(meetingId, invitees), As(Organiser));
        await using var other = await StartAnotherInstanceAsync();
        var handlers = new[] { Handler, other.Get<MeetingCommandHandler>() };

        var waiting = invitees;
        for (var round = 0; round < 5 && waiting.Count > 0; round++)
        {
            var results = await Task.WhenAll(waiting.Select((user, i) =>
                Task.Run(() => handlers[i % 2].HandleAsync(new AcceptInvitation(meetingId), As(user)))));
            Assert.All(results, r => Assert.True(r.Error is null || r.Error.Code == MeetingErrorCode.Conflict, r.Error?.Message));
            waiting = waiting.Where((_, i) => results[i].Error is not null).ToList();
        }

        Assert.Empty(waiting);
        Assert.Equal(Enumerable.Range(1, 51), (await Store.ReadStreamAsync(meetingId)).Select(e => e.Version));
        Assert.Equal(50, (await LoadAsync(meetingId))!.Count(InvitationResponse.Accepted));
    }
}
