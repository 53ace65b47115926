using FluentValidation;

namespace MeetingsApp.Meetings;

/// <summary>
/// The organiser moves the meeting, changes its length, or both. Every invitee's answer goes back to pending: they
/// said yes or no to the old time, and confirm the new one.
/// </summary>
public sealed record RescheduleMeeting(Guid MeetingId, DateTimeOffset NewStart, TimeSpan? NewDuration = null)
    : IMeetingCommand<RescheduleMeeting>
{
    public static Decision Decide(Meeting? state, RescheduleMeeting command, Guid actorId, DateTimeOffset now)
    {
        if (MeetingRules.OrganizerMayChange(state, actorId) is { } error) return error;
        var start = command.NewStart.ToUniversalTime();
        var duration = command.NewDuration is { } d && d != state!.Duration ? d : (TimeSpan?)null;
        if (state!.Start == start && duration is null)
            return new MeetingError(MeetingErrorCode.SameStart, "The meeting already starts at that time and has that length.");
        return Decision.Accept(new MeetingRescheduled(command.MeetingId, state.Start, start,
            duration is null ? null : state.Duration, duration, AnswersReset: true, actorId, now));
    }
}

public sealed class RescheduleMeetingValidator : AbstractValidator<RescheduleMeeting>
{
    public RescheduleMeetingValidator(TimeProvider clock)
    {
        RuleFor(c => c.MeetingId).NotEmpty();
        RuleFor(c => c.NewStart).AtLeastLeadTimeAhead(clock);
        RuleFor(c => c.NewDuration!.Value).MeetingDuration().OverridePropertyName(nameof(RescheduleMeeting.NewDuration))
            .When(c => c.NewDuration is not null); // null keeps the length
    }
}
