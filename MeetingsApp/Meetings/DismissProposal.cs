using FluentValidation;

namespace MeetingsApp.Meetings;

/// <summary>The organiser turns an invitee's proposed time down, optionally saying why; the meeting stays as it is.</summary>
public sealed record DismissProposal(Guid MeetingId, Guid ProposalId, string? Reason = null) : IMeetingCommand<DismissProposal>
{
    public static Decision Decide(Meeting? state, DismissProposal command, Guid actorId, DateTimeOffset now)
    {
        if (MeetingRules.OrganizerMayChange(state, actorId) is { } error) return error;
        if (state!.ProposalOf(command.ProposalId) is not { } proposal) return ProposalRules.NotOpen;
        var reason = string.IsNullOrWhiteSpace(command.Reason) ? null : command.Reason.Trim();
        return Decision.Accept(new ProposalDismissed(command.MeetingId, proposal.Id, proposal.ProposedBy, proposal.Start, proposal.Duration,
            reason, actorId, now));
    }
}

public sealed class DismissProposalValidator : AbstractValidator<DismissProposal>
{
    public DismissProposalValidator()
    {
        RuleFor(c => c.MeetingId).NotEmpty();
        RuleFor(c => c.ProposalId).NotEmpty();
        RuleFor(c => c.Reason).Reason();
    }
}
