using FluentValidation;

namespace MeetingsApp.Meetings;

/// <summary>The organiser moves the meeting to a new start; its length and the answers given so far stay.</summary>
public sealed record RescheduleMeeting(Guid MeetingId, DateTimeOffset NewStart) : IMeetingCommand<RescheduleMeeting>
{
    public static Decision Decide(Meeting? state, RescheduleMeeting command, Guid actorId, DateTimeOffset now)
    {
        if (MeetingRules.OrganizerMayChange(state, actorId) is { } error) return error;
        if (state!.Start == command.NewStart)
            return new MeetingError(MeetingErrorCode.SameStart, "The meeting already starts at that time.");
        return Decision.Accept(new MeetingRescheduled(command.MeetingId, state.Start, command.NewStart.ToUniversalTime(), actorId, now));
    }
}

public sealed class RescheduleMeetingValidator : AbstractValidator<RescheduleMeeting>
{
    public RescheduleMeetingValidator(TimeProvider clock)
    {
        RuleFor(c => c.MeetingId).NotEmpty();
        RuleFor(c => c.NewStart).AtLeastLeadTimeAhead(clock);
    }
}
