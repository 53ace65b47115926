using FluentValidation;

namespace MeetingsApp.Meetings;

/// <summary>An invitee says they will come, optionally with a note. Changing another answer into this one is allowed.</summary>
public sealed record AcceptInvitation(Guid MeetingId, string? Note = null) : IMeetingCommand<AcceptInvitation>
{
    public static Decision Decide(Meeting? state, AcceptInvitation command, Guid actorId, DateTimeOffset now) =>
        MeetingRules.Answer(state, actorId, InvitationResponse.Accepted, command.Note,
            note => new InvitationAccepted(command.MeetingId, actorId, note, now));
}

public sealed class AcceptInvitationValidator : AbstractValidator<AcceptInvitation>
{
    public AcceptInvitationValidator()
    {
        RuleFor(c => c.MeetingId).NotEmpty();
        RuleFor(c => c.Note).AnswerNote();
    }
}
