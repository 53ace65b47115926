using MeetingsApp.Data;
using MeetingsApp.EventStore;
using MeetingsApp.Meetings;

namespace MeetingsApp.Tests.Meetings;

/// <summary>The whole command path on a real SQLite file: validate, load, decide, append, retry.</summary>
public class MeetingCommandHandlerTests : DatabaseTest
{
    private MeetingCommandHandler Handler => Services.Get<MeetingCommandHandler>();
    private IEventStore Store => Services.Get<IEventStore>();
    private Guid Organiser { get; set; }

    protected override async ValueTask SetUpAsync() => Organiser = await RegisterAsync("Olga Organiser");

    private ScheduleMeeting Schedule(Guid meetingId, IReadOnlyList<Guid> invitees) =>
        new(meetingId, "Design review", null, Clock.GetUtcNow().AddDays(2), TimeSpan.FromMinutes(45), invitees);

    private static CommandContext As(Guid user) => new(user, Guid.NewGuid());

    private async Task<Meeting?> LoadAsync(Guid meetingId) =>
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
}
