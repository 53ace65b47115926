using FluentValidation;

namespace MeetingsApp.Meetings;

/// <summary>
/// The organiser takes an invitee's proposed time: one command that moves the meeting and closes the proposal. It is a
/// reschedule like any other (a revision; every other answer goes back to pending and every other open proposal closes),
/// except that the proposer, who asked for this very time, counts as accepted.
/// </summary>
public sealed record AcceptProposal(Guid MeetingId, Guid ProposalId) : IMeetingCommand<AcceptProposal>
{
    public static Decision Decide(Meeting? state, AcceptProposal command, Guid actorId, DateTimeOffset now)
    {
        if (MeetingRules.OrganizerMayChange(state, actorId) is { } error) return error;
        if (state!.ProposalOf(command.ProposalId) is not { } proposal) return ProposalRules.NotOpen;
        if (proposal.Start < now + MeetingRules.MinimumLeadTime)
        {
            return new MeetingError(MeetingErrorCode.TooSoon,
                $"That proposed time is too close: a meeting must start at least {MeetingRules.MinimumLeadTime.TotalMinutes:0} minutes from now.");
        }
        var lengthChanged = proposal.Duration != state.Duration;
        return Decision.Accept(new MeetingRescheduled(command.MeetingId, state.Start, proposal.Start,
            lengthChanged ? state.Duration : null, lengthChanged ? proposal.Duration : null, AnswersReset: true, actorId, now,
            new AcceptedProposal(proposal.Id, proposal.ProposedBy)));
    }
}

public sealed class AcceptProposalValidator : AbstractValidator<AcceptProposal>
{
    public AcceptProposalValidator()
    {
        RuleFor(c => c.MeetingId).NotEmpty();
        RuleFor(c => c.ProposalId).NotEmpty();
    }
}

/// <summary>What accepting and dismissing a proposal share.</summary>
public static class ProposalRules
{
    public static MeetingError NotOpen { get; } = new(MeetingErrorCode.ProposalNotOpen,
        "That proposal is no longer open: it was replaced or dismissed, or the meeting changed meanwhile.");
}
