using FluentValidation;

namespace MeetingsApp.Meetings;

/// <summary>An invitee says they will come. Changing a decline into an accept is allowed.</summary>
public sealed record AcceptInvitation(Guid MeetingId) : IMeetingCommand<AcceptInvitation>
{
    public static Decision Decide(Meeting? state, AcceptInvitation command, Guid actorId, DateTimeOffset now)
    {
        if (MeetingRules.InviteeMayAnswer(state, actorId) is { } error) return error;
        if (state!.InviteeOf(actorId)!.Response == InvitationResponse.Accepted)
            return new MeetingError(MeetingErrorCode.AlreadyAccepted, "You have already accepted this invitation.");
        return Decision.Accept(new InvitationAccepted(command.MeetingId, actorId, now));
    }
}

public sealed class AcceptInvitationValidator : AbstractValidator<AcceptInvitation>
{
    public AcceptInvitationValidator() => RuleFor(c => c.MeetingId).NotEmpty();
}
