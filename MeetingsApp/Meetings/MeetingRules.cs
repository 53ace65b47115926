using FluentValidation;

namespace MeetingsApp.Meetings;

/// <summary>Rules that several use cases share, so each lives once.</summary>
public static class MeetingRules
{
    public static readonly TimeSpan MinimumLeadTime = TimeSpan.FromMinutes(5);
    public const int TitleMaxLength = 200;
    public const int DescriptionMaxLength = 2_000;
    public const int ReasonMaxLength = 500;
    public const int MaxInvitees = 100;
    public static readonly TimeSpan MaximumLeadTime = TimeSpan.FromDays(5 * 365);
    public static readonly TimeSpan MinDuration = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan MaxDuration = TimeSpan.FromHours(24);

    /// <summary>The organiser may change the meeting, and it is still scheduled.</summary>
    public static MeetingError? OrganizerMayChange(Meeting? state, Guid actorId) => state switch
    {
        null => MeetingError.NotFound,
        _ when state.OrganizerId != actorId => state.InviteeOf(actorId) is null ? MeetingError.NotFound : MeetingError.NotOrganizer,
        { Status: not MeetingStatus.Scheduled } => MeetingError.NotScheduled(state.Status),
        _ => null,
    };

    /// <summary>The actor is invited and the meeting is still scheduled.</summary>
    public static MeetingError? InviteeMayAnswer(Meeting? state, Guid actorId) => state switch
    {
        null => MeetingError.NotFound,
        _ when state.InviteeOf(actorId) is null => state.OrganizerId == actorId ? MeetingError.NotInvited : MeetingError.NotFound,
        { Status: not MeetingStatus.Scheduled } => MeetingError.NotScheduled(state.Status),
        _ => null,
    };

    /// <summary>A start far enough ahead that invitees can still be told, and near enough to be a real plan.</summary>
    public static IRuleBuilderOptions<T, DateTimeOffset> AtLeastLeadTimeAhead<T>(this IRuleBuilder<T, DateTimeOffset> rule, TimeProvider clock) =>
        rule.Must(start => start >= clock.GetUtcNow() + MinimumLeadTime)
            .WithMessage($"The start must be at least {MinimumLeadTime.TotalMinutes:0} minutes from now.")
            .Must(start => start <= clock.GetUtcNow() + MaximumLeadTime)
            .WithMessage("The start must be within the next 5 years.");

    /// <summary>Text people will read: no invisible control characters (line breaks only where <paramref name="multiline"/>).</summary>
    public static bool IsReadableText(string? text, bool multiline) =>
        text is null || !text.Any(c => char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t'));
}
