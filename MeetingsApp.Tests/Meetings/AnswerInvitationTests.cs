using MeetingsApp.Meetings;
using static MeetingsApp.Tests.Meetings.MeetingSpec;

namespace MeetingsApp.Tests.Meetings;

public sealed class AnswerInvitationTests
{
    private static readonly AcceptInvitation Accept = new(MeetingId);
    private static readonly DeclineInvitation Decline = new(MeetingId);

    [Fact]
    public void Accept_ByAnInvitee_IsRecorded() =>
        Given(Scheduled).When(Accept, Bob).Then(new InvitationAccepted(MeetingId, Bob, Now));

    [Fact]
    public void Decline_ByAnInvitee_IsRecorded() =>
        Given(Scheduled).When(Decline, Carol).Then(new InvitationDeclined(MeetingId, Carol, Now));

    [Fact]
    public void Accept_WhenAlreadyAccepted_IsRejected() =>
        Given(Scheduled, new InvitationAccepted(MeetingId, Bob, Now)).When(Accept, Bob).ThenRejected(MeetingErrorCode.AlreadyAccepted);

    [Fact]
    public void Decline_WhenAlreadyDeclined_IsRejected() =>
        Given(Scheduled, new InvitationDeclined(MeetingId, Bob, Now)).When(Decline, Bob).ThenRejected(MeetingErrorCode.AlreadyDeclined);

    [Fact]
    public void Accept_AfterDeclining_ChangesTheAnswer_CountedOnce()
    {
        Given(Scheduled, new InvitationDeclined(MeetingId, Bob, Now)).When(Accept, Bob).Then(new InvitationAccepted(MeetingId, Bob, Now));

        var state = Meeting.Fold([Scheduled, new InvitationDeclined(MeetingId, Bob, Now), new InvitationAccepted(MeetingId, Bob, Now)])!;
        Assert.Equal((1, 0, 1), (state.Count(InvitationResponse.Accepted), state.Count(InvitationResponse.Declined), state.Count(InvitationResponse.Pending)));
    }

    [Fact]
    public void Decline_AfterAccepting_ChangesTheAnswer() =>
        Given(Scheduled, new InvitationAccepted(MeetingId, Bob, Now)).When(Decline, Bob).Then(new InvitationDeclined(MeetingId, Bob, Now));

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
}
