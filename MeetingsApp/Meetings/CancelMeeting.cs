using FluentValidation;

namespace MeetingsApp.Meetings;

/// <summary>The organiser calls the meeting off, optionally saying why.</summary>
public sealed record CancelMeeting(Guid MeetingId, string? Reason = null) : IMeetingCommand<CancelMeeting>
{
    public static Decision Decide(Meeting? state, CancelMeeting command, Guid actorId, DateTimeOffset now)
    {
        if (MeetingRules.OrganizerMayChange(state, actorId) is { } error) return error;
        var reason = string.IsNullOrWhiteSpace(command.Reason) ? null : command.Reason.Trim();
        return Decision.Accept(new MeetingCancelled(command.MeetingId, reason, actorId, now));
    }
}

public sealed class CancelMeetingValidator : AbstractValidator<CancelMeeting>
{
    public CancelMeetingValidator()
    {
        RuleFor(c => c.MeetingId).NotEmpty();
        RuleFor(c => c.Reason).Reason();
    }
}
