using MeetingsApp.Meetings;
using Microsoft.Extensions.Time.Testing;
using static MeetingsApp.Tests.Meetings.MeetingSpec;

namespace MeetingsApp.Tests.Meetings;

/// <summary>An invitee proposes another time: Given / When / Then on the pure decision, and what the fold makes of it.</summary>
public sealed class ProposeNewTimeTests
{
    internal static readonly Guid BobsProposal = Guid.Parse("9a000000-0000-4000-8000-000000000001");
    internal static readonly Guid CarolsProposal = Guid.Parse("9a000000-0000-4000-8000-000000000002");
    internal static readonly DateTimeOffset Thursday = Start.AddDays(2);
    internal static readonly TimeProposed BobProposed = new(MeetingId, BobsProposal, Bob, Thursday, TimeSpan.FromHours(1), "Clash with standup", Now);
    internal static readonly TimeProposed CarolProposed = new(MeetingId, CarolsProposal, Carol, Thursday.AddHours(2), TimeSpan.FromMinutes(30), null, Now);

    [Fact]
    public void AnInvitee_ProposesAStart_AndKeepsTheLength_WhichIsRecordedAsTheMeetings() =>
        Given(Scheduled).When(new ProposeNewTime(MeetingId, BobsProposal, Thursday, null, " Clash with standup "), Bob).Then(BobProposed);

    [Fact]
    public void AnInvitee_ProposesAStartAndALength() =>
        Given(Scheduled).When(new ProposeNewTime(MeetingId, CarolsProposal, Thursday.AddHours(2), TimeSpan.FromMinutes(30)), Carol).Then(CarolProposed);

    [Fact]
    public void TheSameStartWithAnotherLength_IsAProposal() =>
        Given(Scheduled).When(new ProposeNewTime(MeetingId, BobsProposal, Start, TimeSpan.FromMinutes(30)), Bob)
            .Then(new TimeProposed(MeetingId, BobsProposal, Bob, Start, TimeSpan.FromMinutes(30), null, Now));

    [Fact]
    public void TheMeetingsOwnTime_IsRejected()
    {
        Given(Scheduled).When(new ProposeNewTime(MeetingId, BobsProposal, Start), Bob).ThenRejected(MeetingErrorCode.SameStart);
        Given(Scheduled).When(new ProposeNewTime(MeetingId, BobsProposal, Start, TimeSpan.FromHours(1)), Bob).ThenRejected(MeetingErrorCode.SameStart);
    }

    [Fact]
    public void TheOrganiser_CannotPropose_SheReschedules() =>
        Given(Scheduled).When(new ProposeNewTime(MeetingId, BobsProposal, Thursday), Alice).ThenRejected(MeetingErrorCode.NotInvited);

    [Fact]
    public void AStranger_OrARemovedInvitee_DoesNotFindTheMeeting()
    {
        Given(Scheduled).When(new ProposeNewTime(MeetingId, BobsProposal, Thursday), Mallory).ThenRejected(MeetingErrorCode.NotFound);
        Given(Scheduled, new PeopleRemoved(MeetingId, [Bob], Alice, Now)).When(new ProposeNewTime(MeetingId, BobsProposal, Thursday), Bob)
            .ThenRejected(MeetingErrorCode.NotFound);
        Given().When(new ProposeNewTime(MeetingId, BobsProposal, Thursday), Bob).ThenRejected(MeetingErrorCode.NotFound);
    }

    [Fact]
    public void ACancelledOrFinishedMeeting_TakesNoProposals()
    {
        Given(Scheduled, new MeetingCancelled(MeetingId, null, Alice, Now)).When(new ProposeNewTime(MeetingId, BobsProposal, Thursday), Bob)
            .ThenRejected(MeetingErrorCode.NotScheduled);
        Given(Scheduled, new MeetingFinished(MeetingId, Alice, Start.AddHours(1))).When(new ProposeNewTime(MeetingId, BobsProposal, Thursday), Bob)
            .ThenRejected(MeetingErrorCode.NotScheduled);
    }

    [Fact]
    public void ANewProposal_ReplacesTheInviteesOwn_AndGoesLast()
    {
        var again = new TimeProposed(MeetingId, Guid.NewGuid(), Bob, Thursday.AddDays(1), TimeSpan.FromHours(1), null, Now);
        var state = Meeting.Fold([Scheduled, BobProposed, CarolProposed, again])!;
        Assert.Equal([(Carol, CarolsProposal), (Bob, again.ProposalId)], state.Proposals.Select(p => (p.ProposedBy, p.Id)));
    }

    [Fact]
    public void TheSameProposalAgain_IsRejected_ButANewNoteIsNot()
    {
        Given(Scheduled, BobProposed).When(new ProposeNewTime(MeetingId, Guid.NewGuid(), Thursday, TimeSpan.FromHours(1), "Clash with standup"), Bob)
            .ThenRejected(MeetingErrorCode.NothingChanged);
        var id = Guid.NewGuid();
        Given(Scheduled, BobProposed).When(new ProposeNewTime(MeetingId, id, Thursday, null, "Standup moved, still better"), Bob)
            .Then(new TimeProposed(MeetingId, id, Bob, Thursday, TimeSpan.FromHours(1), "Standup moved, still better", Now));
    }

    [Fact]
    public void AnIdOfAnOpenProposal_CannotBeTakenAgain() =>
        Given(Scheduled, BobProposed).When(new ProposeNewTime(MeetingId, BobsProposal, Thursday.AddHours(5)), Carol)
            .ThenRejected(MeetingErrorCode.AlreadyExists);

    [Fact]
    public void AProposal_IsAVersion_NotARevision_AndKeepsEveryAnswer()
    {
        var state = Meeting.Fold([Scheduled, new InvitationDeclined(MeetingId, Bob, "cannot then", Now), BobProposed])!;
        Assert.Equal((3, 0), (state.Version, state.Revision));
        Assert.Equal(new Invitee(Bob, InvitationResponse.Declined, "cannot then"), state.InviteeOf(Bob));
        Assert.Equal(new Proposal(BobsProposal, Bob, Thursday, TimeSpan.FromHours(1), "Clash with standup"), Assert.Single(state.Proposals));
    }

    [Fact]
    public void AMove_ACancellation_OrAFinish_ClosesEveryProposal_AnEditOrAnAnswerKeepsThem()
    {
        object[] open = [Scheduled, BobProposed, CarolProposed];
        Assert.Empty(Meeting.Fold([.. open, new MeetingRescheduled(MeetingId, Start, Start.AddHours(3), null, null, true, Alice, Now)])!.Proposals);
        Assert.Empty(Meeting.Fold([.. open, new MeetingCancelled(MeetingId, null, Alice, Now)])!.Proposals);
        Assert.Empty(Meeting.Fold([.. open, new MeetingFinished(MeetingId, Alice, Start.AddHours(1))])!.Proposals);
        Assert.Equal(2, Meeting.Fold([.. open, new MeetingDetailsEdited(MeetingId, "New", "Planning", null, null, null, null, Alice, Now)])!.Proposals.Count);
        Assert.Equal(2, Meeting.Fold([.. open, new InvitationAccepted(MeetingId, Bob, null, Now), new PeopleInvited(MeetingId, [Mallory], Alice, Now)])!
            .Proposals.Count);
    }

    [Fact]
    public void RemovingAProposer_ClosesTheirProposal_Only()
    {
        var state = Meeting.Fold([Scheduled, BobProposed, CarolProposed, new PeopleRemoved(MeetingId, [Bob], Alice, Now)])!;
        Assert.Equal([CarolsProposal], state.Proposals.Select(p => p.Id));
    }

    [Theory]
    [InlineData(2, 60, null, "Start")] // minutes from now: too soon to tell anyone
    [InlineData(60 * 24 * 365 * 6, 60, null, "Start")]
    [InlineData(60, 4, null, "Duration")]
    [InlineData(60, 24 * 60 + 1, null, "Duration")]
    [InlineData(60, 90, "two\nlines are fine", null)]
    [InlineData(60, 90, "bell\u0007", "Note")]
    [InlineData(60, 90, "\u202Eevil", "Note")]
    public void Validation_UsesTheRescheduleAndNoteRules(int minutesAhead, int lengthMinutes, string? note, string? failing)
    {
        var clock = new FakeTimeProvider(Now);
        var errors = new ProposeNewTimeValidator(clock)
            .Validate(new ProposeNewTime(MeetingId, BobsProposal, Now.AddMinutes(minutesAhead), TimeSpan.FromMinutes(lengthMinutes), note)).Errors;
        Assert.Equal(failing, errors.Select(e => e.PropertyName).Distinct().SingleOrDefault());
    }

    [Fact]
    public void Validation_WantsIds_AndANoteOfAtMost500Characters()
    {
        var validator = new ProposeNewTimeValidator(new FakeTimeProvider(Now));
        Assert.False(validator.Validate(new ProposeNewTime(MeetingId, Guid.Empty, Thursday)).IsValid);
        Assert.True(validator.Validate(new ProposeNewTime(MeetingId, BobsProposal, Thursday, null, new string('n', 500))).IsValid);
        Assert.Equal("The note must be at most 500 characters.",
            validator.Validate(new ProposeNewTime(MeetingId, BobsProposal, Thursday, null, new string('n', 501))).Errors.Single().ErrorMessage);
    }
}
