using FluentValidation;

namespace MeetingsApp.Meetings;

/// <summary>
/// The organiser takes people off a scheduled meeting. From then on it is, for them, like a meeting they were never
/// invited to (access follows current membership); what they were told before stays in their inbox.
/// </summary>
public sealed record RemovePeople(Guid MeetingId, IReadOnlyList<Guid> UserIds) : IMeetingCommand<RemovePeople>
{
    public static Decision Decide(Meeting? state, RemovePeople command, Guid actorId, DateTimeOffset now)
    {
        if (MeetingRules.OrganizerMayChange(state, actorId) is { } error) return error;
        if (command.UserIds.Any(id => state!.InviteeOf(id) is null))
            return new MeetingError(MeetingErrorCode.NotInvited, "Only current invitees can be removed.");
        return Decision.Accept(new PeopleRemoved(command.MeetingId, command.UserIds, actorId, now));
    }
}

public sealed class RemovePeopleValidator : AbstractValidator<RemovePeople>
{
    public RemovePeopleValidator()
    {
        RuleFor(c => c.MeetingId).NotEmpty();
        RuleFor(c => c.UserIds).NotNull().WithMessage("Choose at least one person.")
            .Must(ids => ids is { Count: > 0 }).WithMessage("Choose at least one person.")
            .Must(ids => ids is null || ids.Distinct().Count() == ids.Count).WithMessage("Each person can be removed only once.");
    }
}
