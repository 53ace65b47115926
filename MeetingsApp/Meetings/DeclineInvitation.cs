using FluentValidation;

namespace MeetingsApp.Meetings;

/// <summary>An invitee says they will not come. Changing an accept into a decline is allowed.</summary>
public sealed record DeclineInvitation(Guid MeetingId) : IMeetingCommand<DeclineInvitation>
{
    public static Decision Decide(Meeting? state, DeclineInvitation command, Guid actorId, DateTimeOffset now)
    {
        if (MeetingRules.InviteeMayAnswer(state, actorId) is { } error) return error;
        if (state!.InviteeOf(actorId)!.Response == InvitationResponse.Declined)
            return new MeetingError(MeetingErrorCode.AlreadyDeclined, "You have already declined this invitation.");
        return Decision.Accept(new InvitationDeclined(command.MeetingId, actorId, now));
    }
}

public sealed class DeclineInvitationValidator : AbstractValidator<DeclineInvitation>
{
    public DeclineInvitationValidator() => RuleFor(c => c.MeetingId).NotEmpty();
}
