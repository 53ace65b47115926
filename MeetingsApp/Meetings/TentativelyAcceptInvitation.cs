using FluentValidation;

namespace MeetingsApp.Meetings;

/// <summary>An invitee says maybe (iCalendar's TENTATIVE), optionally with a note such as "only the first half".</summary>
public sealed record TentativelyAcceptInvitation(Guid MeetingId, string? Note = null) : IMeetingCommand<TentativelyAcceptInvitation>
{
    public static Decision Decide(Meeting? state, TentativelyAcceptInvitation command, Guid actorId, DateTimeOffset now) =>
        MeetingRules.Answer(state, actorId, InvitationResponse.Tentative, command.Note,
            note => new InvitationTentativelyAccepted(command.MeetingId, actorId, note, now));
}

public sealed class TentativelyAcceptInvitationValidator : AbstractValidator<TentativelyAcceptInvitation>
{
    public TentativelyAcceptInvitationValidator()
    {
        RuleFor(c => c.MeetingId).NotEmpty();
        RuleFor(c => c.Note).AnswerNote();
    }
}
