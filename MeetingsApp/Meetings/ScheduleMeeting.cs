using FluentValidation;

namespace MeetingsApp.Meetings;

/// <summary>The actor schedules a new meeting and invites colleagues to it.</summary>
public sealed record ScheduleMeeting(
    Guid MeetingId, string Title, string? Description, DateTimeOffset Start, TimeSpan Duration, IReadOnlyList<Guid> InviteeIds)
    : IMeetingCommand<ScheduleMeeting>
{
    public static Decision Decide(Meeting? state, ScheduleMeeting command, Guid actorId, DateTimeOffset now)
    {
        if (state is not null) return new MeetingError(MeetingErrorCode.AlreadyExists, "This meeting has already been scheduled.");
        if (command.InviteeIds.Contains(actorId))
            return new MeetingError(MeetingErrorCode.OrganizerInvited, "You organise this meeting, so you cannot also be invited.");
        return Decision.Accept(new MeetingScheduled(command.MeetingId, command.Title.Trim(), command.Description?.Trim() ?? "",
            command.Start.ToUniversalTime(), command.Duration, actorId, command.InviteeIds, now));
    }
}

public sealed class ScheduleMeetingValidator : AbstractValidator<ScheduleMeeting>
{
    public ScheduleMeetingValidator(TimeProvider clock, IUserDirectory users)
    {
        RuleFor(c => c.MeetingId).NotEmpty();
        RuleFor(c => c.Title).Cascade(CascadeMode.Stop)
            .Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage("Title is required.")
            .Must(t => t.Trim().Length <= MeetingRules.TitleMaxLength)
            .WithMessage($"Title must be at most {MeetingRules.TitleMaxLength} characters.")
            .Must(t => MeetingRules.IsReadableText(t, multiline: false)).WithMessage("Title cannot contain control characters or line breaks.");
        RuleFor(c => c.Description).Cascade(CascadeMode.Stop)
            .Must(d => d is null || d.Trim().Length <= MeetingRules.DescriptionMaxLength)
            .WithMessage($"Description must be at most {MeetingRules.DescriptionMaxLength:N0} characters.")
            .Must(d => MeetingRules.IsReadableText(d, multiline: true)).WithMessage("Description cannot contain control characters.");
        RuleFor(c => c.Start).AtLeastLeadTimeAhead(clock);
        RuleFor(c => c.Duration).InclusiveBetween(MeetingRules.MinDuration, MeetingRules.MaxDuration)
            .WithMessage("Duration must be between 5 minutes and 24 hours.");
        RuleFor(c => c.InviteeIds).NotNull().WithMessage("Invite at least one person.")
            .Must(ids => ids is { Count: > 0 }).WithMessage("Invite at least one person.")
            .Must(ids => ids is null || ids.Count <= MeetingRules.MaxInvitees)
            .WithMessage($"Invite at most {MeetingRules.MaxInvitees} people.")
            .Must(ids => ids is null || ids.Distinct().Count() == ids.Count).WithMessage("Each person can be invited only once.")
            .Must(ids => ids is null || !ids.Contains(Guid.Empty)).WithMessage("Unknown invitee.")
            .MustAsync(async (ids, ct) => ids is null || (await users.FindExistingAsync(ids, ct)).Count == ids.Distinct().Count())
            .WithMessage("Invite registered users only.");
    }
}
