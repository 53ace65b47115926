using MeetingsApp.Accounts;
using FluentValidation;

namespace MeetingsApp.Meetings;

/// <summary>The organiser invites more registered colleagues to a scheduled meeting.</summary>
public sealed record InvitePeople(Guid MeetingId, IReadOnlyList<Guid> UserIds) : IMeetingCommand<InvitePeople>
{
    public static Decision Decide(Meeting? state, InvitePeople command, Guid actorId, DateTimeOffset now)
    {
        if (MeetingRules.OrganizerMayChange(state, actorId) is { } error) return error;
        if (command.UserIds.Contains(state!.OrganizerId))
            return new MeetingError(MeetingErrorCode.OrganizerInvited, "You organise this meeting, so you cannot also be invited.");
        if (command.UserIds.Any(id => state.InviteeOf(id) is not null))
            return new MeetingError(MeetingErrorCode.AlreadyInvited, "Someone you chose is already invited.");
        if (state.Invitees.Count + command.UserIds.Count > MeetingRules.MaxInvitees)
            return new MeetingError(MeetingErrorCode.TooManyInvitees,
                $"A meeting can have at most {MeetingRules.MaxInvitees} invitees; this one has {state.Invitees.Count}.");
        return Decision.Accept(new PeopleInvited(command.MeetingId, command.UserIds, actorId, now));
    }
}

public sealed class InvitePeopleValidator : AbstractValidator<InvitePeople>
{
    public InvitePeopleValidator(IUserDirectory users)
    {
        RuleFor(c => c.MeetingId).NotEmpty();
        RuleFor(c => c.UserIds).NotNull().WithMessage("Choose at least one person.")
            .Must(ids => ids is { Count: > 0 }).WithMessage("Choose at least one person.")
            .Invitees(users);
    }
}
