using MeetingsApp.Meetings;
using static MeetingsApp.Tests.Meetings.MeetingSpec;
using static MeetingsApp.Tests.Meetings.ProposeNewTimeTests;

namespace MeetingsApp.Tests.Meetings;

/// <summary>The organiser accepts a proposed time (one reschedule) or dismisses it.</summary>
public sealed class AcceptOrDismissProposalTests
{
    private static readonly AcceptedProposal Bobs = new(BobsProposal, Bob);

    [Fact]
    public void Accept_MovesTheMeetingToTheProposedStart_NamingTheProposal() =>
        Given(Scheduled, BobProposed, CarolProposed).When(new AcceptProposal(MeetingId, BobsProposal), Alice)
            .Then(new MeetingRescheduled(MeetingId, Start, Thursday, null, null, AnswersReset: true, Alice, Now, Bobs));

    [Fact]
    public void Accept_AProposalWithAnotherLength_ChangesTheLengthToo() =>
        Given(Scheduled, CarolProposed).When(new AcceptProposal(MeetingId, CarolsProposal), Alice)
            .Then(new MeetingRescheduled(MeetingId, Start, Thursday.AddHours(2), TimeSpan.FromHours(1), TimeSpan.FromMinutes(30), true, Alice, Now,
                new AcceptedProposal(CarolsProposal, Carol)));

    [Fact]
    public void Accepted_TheProposerCountsAsAccepted_EveryoneElseIsAskedAgain_AndEveryProposalCloses()
    {
        var state = Meeting.Fold([Scheduled, new InvitationAccepted(MeetingId, Carol, "yes", Now), new InvitationDeclined(MeetingId, Bob, "standup", Now),
            BobProposed, CarolProposed, new MeetingRescheduled(MeetingId, Start, Thursday, null, null, true, Alice, Now, Bobs)])!;
        Assert.Equal([new Invitee(Bob, InvitationResponse.Accepted), new Invitee(Carol, InvitationResponse.Pending)], state.Invitees);
        Assert.Equal((Thursday, TimeSpan.FromHours(1)), (state.Start, state.Duration));
        Assert.Empty(state.Proposals);
        // A reschedule is a revision (iCalendar SEQUENCE); the proposal before it was not.
        Assert.Equal((6, 1), (state.Version, state.Revision));
    }

    [Fact]
    public void Accept_ByAnInvitee_IsRejected_AndByAStrangerNotFound()
    {
        Given(Scheduled, BobProposed).When(new AcceptProposal(MeetingId, BobsProposal), Bob).ThenRejected(MeetingErrorCode.NotOrganizer);
        Given(Scheduled, BobProposed).When(new AcceptProposal(MeetingId, BobsProposal), Mallory).ThenRejected(MeetingErrorCode.NotFound);
    }

    [Fact]
    public void Accept_AProposalThatIsNoLongerOpen_IsRejected()
    {
        var replaced = new TimeProposed(MeetingId, Guid.NewGuid(), Bob, Thursday.AddDays(1), TimeSpan.FromHours(1), null, Now);
        Given(Scheduled).When(new AcceptProposal(MeetingId, BobsProposal), Alice).ThenRejected(MeetingErrorCode.ProposalNotOpen);
        // Bob proposed again while Alice looked at his first proposal: she does not move the meeting to a time he withdrew.
        Given(Scheduled, BobProposed, replaced).When(new AcceptProposal(MeetingId, BobsProposal), Alice).ThenRejected(MeetingErrorCode.ProposalNotOpen);
        Given(Scheduled, BobProposed, new ProposalDismissed(MeetingId, BobsProposal, Bob, Thursday, TimeSpan.FromHours(1), null, Alice, Now))
            .When(new AcceptProposal(MeetingId, BobsProposal), Alice).ThenRejected(MeetingErrorCode.ProposalNotOpen);
        Given(Scheduled, BobProposed, new MeetingRescheduled(MeetingId, Start, Start.AddHours(3), null, null, true, Alice, Now))
            .When(new AcceptProposal(MeetingId, BobsProposal), Alice).ThenRejected(MeetingErrorCode.ProposalNotOpen);
        Given(Scheduled, BobProposed, new PeopleRemoved(MeetingId, [Bob], Alice, Now))
            .When(new AcceptProposal(MeetingId, BobsProposal), Alice).ThenRejected(MeetingErrorCode.ProposalNotOpen);
    }

    [Fact]
    public void Accept_WhenTheProposedTimeIsTooCloseByNow_IsRejected()
    {
        Given(Scheduled, BobProposed).When(new AcceptProposal(MeetingId, BobsProposal), Alice, now: Thursday.AddMinutes(-4))
            .ThenRejected(MeetingErrorCode.TooSoon);
        Given(Scheduled, BobProposed).When(new AcceptProposal(MeetingId, BobsProposal), Alice, now: Thursday.AddMinutes(-5))
            .Then(new MeetingRescheduled(MeetingId, Start, Thursday, null, null, true, Alice, Thursday.AddMinutes(-5), Bobs));
    }

    [Fact]
    public void Accept_OnACancelledMeeting_IsRejected() =>
        Given(Scheduled, BobProposed, new MeetingCancelled(MeetingId, null, Alice, Now)).When(new AcceptProposal(MeetingId, BobsProposal), Alice)
            .ThenRejected(MeetingErrorCode.NotScheduled);

    [Fact]
    public void Dismiss_RecordsTheProposedTimeAndTheReason_AndClosesOnlyThatProposal()
    {
        var dismissed = new ProposalDismissed(MeetingId, BobsProposal, Bob, Thursday, TimeSpan.FromHours(1), "Room is taken", Alice, Now);
        Given(Scheduled, BobProposed, CarolProposed).When(new DismissProposal(MeetingId, BobsProposal, "  Room is taken "), Alice).Then(dismissed);
        var state = Meeting.Fold([Scheduled, BobProposed, CarolProposed, dismissed])!;
        Assert.Equal([CarolsProposal], state.Proposals.Select(p => p.Id));
        Assert.Equal((Start, 4, 0), (state.Start, state.Version, state.Revision)); // nothing moved, no revision
        Given(Scheduled, BobProposed).When(new DismissProposal(MeetingId, BobsProposal, " "), Alice)
            .Then(dismissed with { Reason = null });
    }

    [Fact]
    public void Dismiss_ByAnInvitee_OrOfAClosedProposal_IsRejected()
    {
        Given(Scheduled, BobProposed).When(new DismissProposal(MeetingId, BobsProposal), Carol).ThenRejected(MeetingErrorCode.NotOrganizer);
        Given(Scheduled, BobProposed).When(new DismissProposal(MeetingId, CarolsProposal), Alice).ThenRejected(MeetingErrorCode.ProposalNotOpen);
        Given(Scheduled, BobProposed, new MeetingFinished(MeetingId, Alice, Start.AddHours(1)))
            .When(new DismissProposal(MeetingId, BobsProposal), Alice).ThenRejected(MeetingErrorCode.NotScheduled);
    }

    [Fact]
    public void Validation_WantsIds_AndAReadableReason()
    {
        Assert.False(new AcceptProposalValidator().Validate(new AcceptProposal(MeetingId, Guid.Empty)).IsValid);
        Assert.True(new AcceptProposalValidator().Validate(new AcceptProposal(MeetingId, BobsProposal)).IsValid);
        var dismiss = new DismissProposalValidator();
        Assert.True(dismiss.Validate(new DismissProposal(MeetingId, BobsProposal, new string('r', 500))).IsValid);
        Assert.Equal("The reason must be at most 500 characters.",
            dismiss.Validate(new DismissProposal(MeetingId, BobsProposal, new string('r', 501))).Errors.Single().ErrorMessage);
        Assert.Equal("The reason cannot contain control characters.",
            dismiss.Validate(new DismissProposal(MeetingId, BobsProposal, "no\u0000")).Errors.Single().ErrorMessage);
    }
}
