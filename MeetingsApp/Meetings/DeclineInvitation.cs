using FluentValidation;

namespace MeetingsApp.Meetings;

/// <summary>An invitee says they will not come, optionally with a note. Changing another answer into this one is allowed.</summary>
public sealed record DeclineInvitation(Guid MeetingId, string? Note = null) : IMeetingCommand<DeclineInvitation>
{
    public static Decision Decide(Meeting? state, DeclineInvitation command, Guid actorId, DateTimeOffset now) =>
        MeetingRules.Answer(state, actorId, InvitationResponse.Declined, command.Note,
            note => new InvitationDeclined(command.MeetingId, actorId, note, now));
}

public sealed class DeclineInvitationValidator : AbstractValidator<DeclineInvitation>
{
    public DeclineInvitationValidator()
    {
        RuleFor(c => c.MeetingId).NotEmpty();
        RuleFor(c => c.Note).AnswerNote();
    }
}
