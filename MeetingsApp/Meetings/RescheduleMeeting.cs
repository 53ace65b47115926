using FluentValidation;

namespace MeetingsApp.Meetings;

/// <summary>
/// The organiser moves the meeting, changes its length, or both. Every invitee's answer goes back to pending: they
/// said yes or no to the old time, and confirm the new one. A new start must be at least
/// <see cref="MeetingRules.MinimumLeadTime"/> ahead; null keeps the start, so the length alone may change up to the
/// meeting's end: a meeting about to start, or running, can still be made longer (or shorter, as long as it does not
/// end before now).
/// </summary>
public sealed record RescheduleMeeting(Guid MeetingId, DateTimeOffset? NewStart, TimeSpan? NewDuration = null)
    : IMeetingCommand<RescheduleMeeting>
{
    public static Decision Decide(Meeting? state, RescheduleMeeting command, Guid actorId, DateTimeOffset now)
    {
        if (MeetingRules.OrganizerMayChange(state, actorId) is { } error) return error;
        var start = command.NewStart?.ToUniversalTime() ?? state!.Start;
        var duration = command.NewDuration is { } d && d != state!.Duration ? d : (TimeSpan?)null;
        if (state!.Start == start && duration is null)
            return new MeetingError(MeetingErrorCode.SameStart, "The meeting already starts at that time and has that length.");
        if (start + (duration ?? state.Duration) <= now)
        {
            const string message = "With that length the meeting would end before now.";
            return new MeetingError(MeetingErrorCode.Invalid, message) { Fields = new Dictionary<string, string[]> { [nameof(NewDuration)] = [message] } };
        }
        return Decision.Accept(new MeetingRescheduled(command.MeetingId, state.Start, start,
            duration is null ? null : state.Duration, duration, AnswersReset: true, actorId, now));
    }
}

public sealed class RescheduleMeetingValidator : AbstractValidator<RescheduleMeeting>
{
    public RescheduleMeetingValidator(TimeProvider clock)
    {
        RuleFor(c => c.MeetingId).NotEmpty();
        RuleFor(c => c.NewStart!.Value).AtLeastLeadTimeAhead(clock).OverridePropertyName(nameof(RescheduleMeeting.NewStart))
            .When(c => c.NewStart is not null); // null keeps the start
        RuleFor(c => c.NewDuration!.Value).MeetingDuration().OverridePropertyName(nameof(RescheduleMeeting.NewDuration))
            .When(c => c.NewDuration is not null); // null keeps the length
    }
}
