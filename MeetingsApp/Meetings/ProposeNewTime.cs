using FluentValidation;

namespace MeetingsApp.Meetings;

/// <summary>
/// An invitee who cannot make the meeting's time proposes another start, and optionally another length, with a note.
/// Nothing moves until the organiser accepts it (<see cref="AcceptProposal"/>); a new proposal replaces the invitee's
/// own open one. <see cref="ProposalId"/> is chosen by the caller, so the organiser accepts exactly the proposal she saw.
/// </summary>
public sealed record ProposeNewTime(Guid MeetingId, Guid ProposalId, DateTimeOffset Start, TimeSpan? Duration = null, string? Note = null)
    : IMeetingCommand<ProposeNewTime>
{
    public static Decision Decide(Meeting? state, ProposeNewTime command, Guid actorId, DateTimeOffset now)
    {
        if (state?.OrganizerId == actorId)
            return new MeetingError(MeetingErrorCode.NotInvited, "Only invitees propose times; the organiser reschedules the meeting.");
        if (MeetingRules.InviteeMayAnswer(state, actorId) is { } error) return error;
        var (start, duration) = (command.Start.ToUniversalTime(), command.Duration ?? state!.Duration);
        var note = string.IsNullOrWhiteSpace(command.Note) ? null : command.Note.Trim();
        if (state!.Start == start && state.Duration == duration)
            return new MeetingError(MeetingErrorCode.SameStart, "The meeting is already at that time: propose another one.");
        if (state.Proposals.Find(p => p.ProposedBy == actorId) is { } mine && mine.Start == start && mine.Duration == duration && mine.Note == note)
            return new MeetingError(MeetingErrorCode.NothingChanged, "You have already proposed that time.");
        if (state.ProposalOf(command.ProposalId) is not null)
            return new MeetingError(MeetingErrorCode.AlreadyExists, "That proposal exists already.");
        return Decision.Accept(new TimeProposed(command.MeetingId, command.ProposalId, actorId, start, duration, note, now));
    }
}

public sealed class ProposeNewTimeValidator : AbstractValidator<ProposeNewTime>
{
    public ProposeNewTimeValidator(TimeProvider clock)
    {
        RuleFor(c => c.MeetingId).NotEmpty();
        RuleFor(c => c.ProposalId).NotEmpty();
        // The same rules as a reschedule, which is what accepting the proposal will be.
        RuleFor(c => c.Start).AtLeastLeadTimeAhead(clock);
        RuleFor(c => c.Duration!.Value).MeetingDuration().OverridePropertyName(nameof(ProposeNewTime.Duration))
            .When(c => c.Duration is not null); // null keeps the length
        RuleFor(c => c.Note).AnswerNote();
    }
}
