using MeetingsApp.Meetings;
using static MeetingsApp.Tests.Meetings.MeetingSpec;

namespace MeetingsApp.Tests.Meetings;

public sealed class AnswerInvitationTests
{
    private static readonly AcceptInvitation Accept = new(MeetingId);
    private static readonly DeclineInvitation Decline = new(MeetingId);

    [Fact]
    public void Accept_ByAnInvitee_IsRecorded() =>
        Given(Scheduled).When(Accept, Bob).Then(new InvitationAccepted(MeetingId, Bob, null, Now));

    [Fact]
    public void Decline_ByAnInvitee_IsRecorded() =>
        Given(Scheduled).When(Decline, Carol).Then(new InvitationDeclined(MeetingId, Carol, null, Now));

    [Fact]
    public void Accept_WhenAlreadyAccepted_IsRejected() =>
        Given(Scheduled, new InvitationAccepted(MeetingId, Bob, null, Now)).When(Accept, Bob).ThenRejected(MeetingErrorCode.AlreadyAccepted);

    [Fact]
    public void Decline_WhenAlreadyDeclined_IsRejected() =>
        Given(Scheduled, new InvitationDeclined(MeetingId, Bob, null, Now)).When(Decline, Bob).ThenRejected(MeetingErrorCode.AlreadyDeclined);

    [Fact]
    public void Accept_AfterDeclining_ChangesTheAnswer_CountedOnce()
    {
        Given(Scheduled, new InvitationDeclined(MeetingId, Bob, null, Now)).When(Accept, Bob).Then(new InvitationAccepted(MeetingId, Bob, null, Now));

        var state = Meeting.Fold([Scheduled, new InvitationDeclined(MeetingId, Bob, null, Now), new InvitationAccepted(MeetingId, Bob, null, Now)])!;
        Assert.Equal((1, 0, 1), (state.Count(InvitationResponse.Accepted), state.Count(InvitationResponse.Declined), state.Count(InvitationResponse.Pending)));
    }

    [Fact]
    public void Decline_AfterAccepting_ChangesTheAnswer() =>
        Given(Scheduled, new InvitationAccepted(MeetingId, Bob, null, Now)).When(Decline, Bob).Then(new InvitationDeclined(MeetingId, Bob, null, Now));

    [Fact]
    public void Answer_ByTheOrganiser_IsRejected() =>
        Given(Scheduled).When(Accept, Alice).ThenRejected(MeetingErrorCode.NotInvited);

    [Fact]
    public void Answer_BySomeoneNotInvited_SeesNoMeeting()
    {
        Given(Scheduled).When(Accept, Mallory).ThenRejected(MeetingErrorCode.NotFound);
        Given(Scheduled).When(Decline, Mallory).ThenRejected(MeetingErrorCode.NotFound);
    }

    [Fact]
    public void Answer_AnUnknownMeeting_IsNotFound() =>
        Given().When(Accept, Bob).ThenRejected(MeetingErrorCode.NotFound);

    [Fact]
    public void Answer_AfterCancellationOrFinish_IsRejected()
    {
        Given(Scheduled, new MeetingCancelled(MeetingId, null, Alice, Now)).When(Accept, Bob).ThenRejected(MeetingErrorCode.NotScheduled);
        Given(Scheduled, new MeetingFinished(MeetingId, Alice, Now)).When(Decline, Bob).ThenRejected(MeetingErrorCode.NotScheduled);
    }

    [Fact]
    public void Maybe_WithANote_IsRecordedAsTentative()
    {
        Given(Scheduled).When(new TentativelyAcceptInvitation(MeetingId, " only the first half "), Bob)
            .Then(new InvitationTentativelyAccepted(MeetingId, Bob, "only the first half", Now));
        var state = Meeting.Fold([Scheduled, new InvitationTentativelyAccepted(MeetingId, Bob, "only the first half", Now)])!;
        Assert.Equal(new Invitee(Bob, InvitationResponse.Tentative, "only the first half"), state.InviteeOf(Bob));
        Assert.Equal(0, state.Revision);
    }

    [Fact]
    public void TheSameAnswerWithTheSameNote_IsRejected_ButANewNoteIsAChange()
    {
        var maybe = new InvitationTentativelyAccepted(MeetingId, Bob, "first half", Now);
        Given(Scheduled, maybe).When(new TentativelyAcceptInvitation(MeetingId, "first half"), Bob).ThenRejected(MeetingErrorCode.AlreadyTentative);
        Given(Scheduled, maybe).When(new TentativelyAcceptInvitation(MeetingId, "second half"), Bob)
            .Then(new InvitationTentativelyAccepted(MeetingId, Bob, "second half", Now));
        Given(Scheduled, maybe).When(new TentativelyAcceptInvitation(MeetingId), Bob).Then(new InvitationTentativelyAccepted(MeetingId, Bob, null, Now));
        Given(Scheduled, maybe).When(new AcceptInvitation(MeetingId, "first half"), Bob).Then(new InvitationAccepted(MeetingId, Bob, "first half", Now));
        Given(Scheduled, new InvitationAccepted(MeetingId, Bob, "yes", Now)).When(new AcceptInvitation(MeetingId, "yes "), Bob)
            .ThenRejected(MeetingErrorCode.AlreadyAccepted);
    }

    [Fact]
    public void Maybe_ByTheOrganiserOrAStranger_IsRejected()
    {
        Given(Scheduled).When(new TentativelyAcceptInvitation(MeetingId), Alice).ThenRejected(MeetingErrorCode.NotInvited);
        Given(Scheduled).When(new TentativelyAcceptInvitation(MeetingId), Mallory).ThenRejected(MeetingErrorCode.NotFound);
    }

    [Fact]
    public void ANote_IsAtMost500ReadableCharacters()
    {
        Assert.True(new TentativelyAcceptInvitationValidator().Validate(new TentativelyAcceptInvitation(MeetingId, new string('n', 500))).IsValid);
        Assert.False(new TentativelyAcceptInvitationValidator().Validate(new TentativelyAcceptInvitation(MeetingId, new string('n', 501))).IsValid);
        Assert.False(new AcceptInvitationValidator().Validate(new AcceptInvitation(MeetingId, "bell\u0007")).IsValid);
        Assert.True(new DeclineInvitationValidator().Validate(new DeclineInvitation(MeetingId, "sorry,\non holiday")).IsValid);
    }
}
