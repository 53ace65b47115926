using FluentValidation;

namespace MeetingsApp.Meetings;

/// <summary>The organiser marks the meeting as held; not before it has started.</summary>
public sealed record FinishMeeting(Guid MeetingId) : IMeetingCommand<FinishMeeting>
{
    public static Decision Decide(Meeting? state, FinishMeeting command, Guid actorId, DateTimeOffset now)
    {
        if (MeetingRules.OrganizerMayChange(state, actorId) is { } error) return error;
        if (now < state!.Start)
            return new MeetingError(MeetingErrorCode.NotStartedYet, "A meeting cannot be finished before it has started.");
        return Decision.Accept(new MeetingFinished(command.MeetingId, actorId, now));
    }
}

public sealed class FinishMeetingValidator : AbstractValidator<FinishMeeting>
{
    public FinishMeetingValidator() => RuleFor(c => c.MeetingId).NotEmpty();
}
