using MeetingsApp.Meetings;
using Microsoft.Extensions.Time.Testing;
using static MeetingsApp.Tests.Meetings.MeetingSpec;

namespace MeetingsApp.Tests.Meetings;

public sealed class OrganiserCommandTests
{
    private static readonly DateTimeOffset Later = Start.AddHours(3);
    private static readonly MeetingCancelled Cancelled = new(MeetingId, "No agenda", Alice, Now);
    private static readonly MeetingFinished Finished = new(MeetingId, Alice, Start.AddHours(1));

    [Fact]
    public void Reschedule_ByTheOrganiser_RecordsOldAndNewStart() =>
        Given(Scheduled).When(new RescheduleMeeting(MeetingId, Later), Alice).Then(new MeetingRescheduled(MeetingId, Start, Later, null, null, AnswersReset: true, Alice, Now));

    [Fact]
    public void Reschedule_ResetsEveryAnswerToPending_SoInviteesConfirmTheNewTime()
    {
        var state = Meeting.Fold([Scheduled, new InvitationAccepted(MeetingId, Bob, "yes", Now), new InvitationDeclined(MeetingId, Carol, null, Now),
            new MeetingRescheduled(MeetingId, Start, Later, null, null, AnswersReset: true, Alice, Now)])!;
        Assert.Equal((Later, 4, 1), (state.Start, state.Version, state.Revision));
        Assert.All(state.Invitees, i => Assert.Equal((InvitationResponse.Pending, (string?)null), (i.Response, i.Note)));
    }

    [Fact]
    public void Reschedule_TheLengthOnly_RecordsOldAndNewLength() =>
        Given(Scheduled).When(new RescheduleMeeting(MeetingId, Start, TimeSpan.FromMinutes(90)), Alice)
            .Then(new MeetingRescheduled(MeetingId, Start, Start, TimeSpan.FromHours(1), TimeSpan.FromMinutes(90), true, Alice, Now));

    [Fact]
    public void Reschedule_StartAndLength_RecordsBoth()
    {
        Given(Scheduled).When(new RescheduleMeeting(MeetingId, Later, TimeSpan.FromMinutes(30)), Alice)
            .Then(new MeetingRescheduled(MeetingId, Start, Later, TimeSpan.FromHours(1), TimeSpan.FromMinutes(30), true, Alice, Now));
        var state = Meeting.Fold([Scheduled, new MeetingRescheduled(MeetingId, Start, Later, TimeSpan.FromHours(1), TimeSpan.FromMinutes(30), true, Alice, Now)])!;
        Assert.Equal((Later, TimeSpan.FromMinutes(30)), (state.Start, state.Duration));
    }

    [Fact]
    public void Reschedule_ToTheSameLength_CountsAsUnchanged() =>
        Given(Scheduled).When(new RescheduleMeeting(MeetingId, Later, TimeSpan.FromHours(1)), Alice)
            .Then(new MeetingRescheduled(MeetingId, Start, Later, null, null, true, Alice, Now));

    [Fact]
    public void Reschedule_ToSameStartAndLength_IsRejected() =>
        Given(Scheduled).When(new RescheduleMeeting(MeetingId, Start, TimeSpan.FromHours(1)), Alice).ThenRejected(MeetingErrorCode.SameStart);

    [Fact]
    public void Reschedule_ToALengthOutsideTheLimits_FailsValidation()
    {
        var validator = new RescheduleMeetingValidator(new FakeTimeProvider(Now));
        Assert.False(validator.Validate(new RescheduleMeeting(MeetingId, Later, TimeSpan.FromMinutes(4))).IsValid);
        Assert.False(validator.Validate(new RescheduleMeeting(MeetingId, Later, TimeSpan.FromHours(25))).IsValid);
        Assert.Equal("NewDuration", validator.Validate(new RescheduleMeeting(MeetingId, Later, TimeSpan.Zero)).Errors.Single().PropertyName);
        Assert.True(validator.Validate(new RescheduleMeeting(MeetingId, Later, TimeSpan.FromHours(24))).IsValid);
    }

    [Fact]
    public void Reschedule_ToTheSameStart_IsRejected() =>
        Given(Scheduled).When(new RescheduleMeeting(MeetingId, Start), Alice).ThenRejected(MeetingErrorCode.SameStart);

    [Fact]
    public void Reschedule_TooSoon_FailsValidation()
    {
        var validator = new RescheduleMeetingValidator(new FakeTimeProvider(Now));
        Assert.False(validator.Validate(new RescheduleMeeting(MeetingId, Now.AddMinutes(4))).IsValid);
        Assert.True(validator.Validate(new RescheduleMeeting(MeetingId, Now.AddMinutes(5))).IsValid);
    }

    [Fact]
    public void TheLengthAlone_MayChangeWhileTheMeetingRuns_ButNotSoThatItEndedBeforeNow()
    {
        var validator = new RescheduleMeetingValidator(new FakeTimeProvider(Start.AddMinutes(20)));
        var longer = new RescheduleMeeting(MeetingId, null, TimeSpan.FromMinutes(90));
        Assert.True(validator.Validate(longer).IsValid); // no start given: the start it has stays, however near or past
        Given(Scheduled).When(longer, Alice, now: Start.AddMinutes(20))
            .Then(new MeetingRescheduled(MeetingId, Start, Start, TimeSpan.FromHours(1), TimeSpan.FromMinutes(90), true, Alice, Start.AddMinutes(20)));

        var tooShort = new RescheduleMeeting(MeetingId, null, TimeSpan.FromMinutes(15));
        Assert.True(validator.Validate(tooShort).IsValid);
        var refused = Given(Scheduled).When(tooShort, Alice, now: Start.AddMinutes(20)).ThenRejected(MeetingErrorCode.Invalid);
        Assert.Equal(["With that length the meeting would end before now."], refused.Fields[nameof(RescheduleMeeting.NewDuration)]);

        // A start given is a new start, and must still be ahead.
        var moved = validator.Validate(new RescheduleMeeting(MeetingId, Start, TimeSpan.FromMinutes(90)));
        Assert.Equal(nameof(RescheduleMeeting.NewStart), moved.Errors.Single().PropertyName);
    }

    [Fact]
    public void Cancel_ByTheOrganiser_RecordsTheTrimmedReason() =>
        Given(Scheduled).When(new CancelMeeting(MeetingId, "  No agenda "), Alice).Then(Cancelled);

    [Fact]
    public void Cancel_WithoutAReason_RecordsNone() =>
        Given(Scheduled).When(new CancelMeeting(MeetingId, "  "), Alice).Then(new MeetingCancelled(MeetingId, null, Alice, Now));

    [Fact]
    public void Cancel_ReasonTooLong_FailsValidation()
    {
        var validator = new CancelMeetingValidator();
        Assert.False(validator.Validate(new CancelMeeting(MeetingId, new string('r', 501))).IsValid);
        Assert.True(validator.Validate(new CancelMeeting(MeetingId, new string('r', 500))).IsValid);
    }

    [Fact]
    public void Finish_AfterTheStart_IsRecorded() =>
        Given(Scheduled).When(new FinishMeeting(MeetingId), Alice, Start.AddHours(1)).Then(Finished);

    [Fact]
    public void Finish_BeforeTheStart_IsRejected() =>
        Given(Scheduled).When(new FinishMeeting(MeetingId), Alice, Start.AddMinutes(-1)).ThenRejected(MeetingErrorCode.NotStartedYet);

    public static TheoryData<string, Func<MeetingSpec.Outcome>> OrganiserOnly => new()
    {
        { "reschedule by invitee", () => Given(Scheduled).When(new RescheduleMeeting(MeetingId, Later), Bob) },
        { "cancel by invitee", () => Given(Scheduled).When(new CancelMeeting(MeetingId), Bob) },
        { "finish by invitee", () => Given(Scheduled).When(new FinishMeeting(MeetingId), Carol, Start.AddHours(1)) },
        { "edit by invitee", () => Given(Scheduled).When(new EditMeetingDetails(MeetingId, "Mine now", null, null), Bob) },
        { "invite by invitee", () => Given(Scheduled).When(new InvitePeople(MeetingId, [Mallory]), Bob) },
        { "remove by invitee", () => Given(Scheduled).When(new RemovePeople(MeetingId, [Carol]), Bob) },
    };

    [Theory]
    [MemberData(nameof(OrganiserOnly))]
    public void OrganiserCommands_ByAnInvitee_AreRejected(string _, Func<MeetingSpec.Outcome> when) =>
        when().ThenRejected(MeetingErrorCode.NotOrganizer);

    [Fact]
    public void OrganiserCommands_BySomeoneNotInvolved_SeeNoMeeting()
    {
        Given(Scheduled).When(new CancelMeeting(MeetingId), Mallory).ThenRejected(MeetingErrorCode.NotFound);
        Given().When(new CancelMeeting(MeetingId), Alice).ThenRejected(MeetingErrorCode.NotFound);
    }

    [Fact]
    public void OrganiserCommands_OnceCancelledOrFinished_AreRejected()
    {
        Given(Scheduled, Cancelled).When(new RescheduleMeeting(MeetingId, Later), Alice).ThenRejected(MeetingErrorCode.NotScheduled);
        Given(Scheduled, Cancelled).When(new CancelMeeting(MeetingId), Alice).ThenRejected(MeetingErrorCode.NotScheduled);
        Given(Scheduled, Finished).When(new FinishMeeting(MeetingId), Alice, Start.AddHours(2)).ThenRejected(MeetingErrorCode.NotScheduled);
        Given(Scheduled, Finished).When(new CancelMeeting(MeetingId), Alice).ThenRejected(MeetingErrorCode.NotScheduled);
        Given(Scheduled, Cancelled).When(new EditMeetingDetails(MeetingId, "New", null, null), Alice).ThenRejected(MeetingErrorCode.NotScheduled);
        Given(Scheduled, Finished).When(new InvitePeople(MeetingId, [Mallory]), Alice).ThenRejected(MeetingErrorCode.NotScheduled);
        Given(Scheduled, Cancelled).When(new RemovePeople(MeetingId, [Bob]), Alice).ThenRejected(MeetingErrorCode.NotScheduled);
    }
}
