using MeetingsApp.Accounts;
using FluentValidation;

namespace MeetingsApp.Meetings;

/// <summary>The actor schedules a new meeting and invites colleagues to it.</summary>
public sealed record ScheduleMeeting(
    Guid MeetingId, string Title, string? Description, DateTimeOffset Start, TimeSpan Duration, IReadOnlyList<Guid> InviteeIds,
    string? Location = null)
    : IMeetingCommand<ScheduleMeeting>
{
    public static Decision Decide(Meeting? state, ScheduleMeeting command, Guid actorId, DateTimeOffset now)
    {
        if (state is not null) return new MeetingError(MeetingErrorCode.AlreadyExists, "This meeting has already been scheduled.");
        if (command.InviteeIds.Contains(actorId))
            return new MeetingError(MeetingErrorCode.OrganizerInvited, "You organise this meeting, so you cannot also be invited.");
        return Decision.Accept(new MeetingScheduled(command.MeetingId, command.Title.Trim(), command.Description?.Trim() ?? "",
            command.Location?.Trim() ?? "", command.Start.ToUniversalTime(), command.Duration, actorId, command.InviteeIds, now));
    }
}

public sealed class ScheduleMeetingValidator : AbstractValidator<ScheduleMeeting>
{
    public ScheduleMeetingValidator(TimeProvider clock, IUserDirectory users)
    {
        RuleFor(c => c.MeetingId).NotEmpty();
        RuleFor(c => c.Title).MeetingTitle();
        RuleFor(c => c.Description).MeetingDescription();
        RuleFor(c => c.Location).MeetingLocation();
        RuleFor(c => c.Start).AtLeastLeadTimeAhead(clock);
        RuleFor(c => c.Duration).MeetingDuration();
        RuleFor(c => c.InviteeIds).NotNull().WithMessage("Invite at least one person.")
            .Must(ids => ids is { Count: > 0 }).WithMessage("Invite at least one person.")
            .Invitees(users);
    }
}
