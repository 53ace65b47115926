using MeetingsApp.Accounts;
using MeetingsApp.Shared;
using FluentValidation;

namespace MeetingsApp.Meetings;

/// <summary>Rules that several use cases share, so each lives once.</summary>
public static class MeetingRules
{
    public static readonly TimeSpan MinimumLeadTime = TimeSpan.FromMinutes(5);
    public const int TitleMaxLength = 200;
    public const int DescriptionMaxLength = 2_000;
    public const int ReasonMaxLength = 500;
    public const int LocationMaxLength = 500;
    public const int NoteMaxLength = 500;
    public const int MaxInvitees = 100;
    /// <summary>How many calendar years ahead a meeting may start (counted with leap days, as the message reads).</summary>
    public const int MaximumLeadYears = 5;
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

    /// <summary>
    /// The invitee answers <paramref name="response"/> with <paramref name="note"/>: refused only when that is exactly the
    /// answer and note already given, so changing one's mind or one's note is always possible.
    /// </summary>
    public static Decision Answer(Meeting? state, Guid actorId, InvitationResponse response, string? note, Func<string?, object> answered)
    {
        if (InviteeMayAnswer(state, actorId) is { } error) return error;
        var trimmed = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        var current = state!.InviteeOf(actorId)!;
        if (current.Response == response && current.Note == trimmed)
        {
            return response switch
            {
                InvitationResponse.Accepted => new MeetingError(MeetingErrorCode.AlreadyAccepted, "You have already accepted this invitation."),
                InvitationResponse.Declined => new MeetingError(MeetingErrorCode.AlreadyDeclined, "You have already declined this invitation."),
                _ => new MeetingError(MeetingErrorCode.AlreadyTentative, "You have already said maybe."),
            };
        }
        return Decision.Accept(answered(trimmed));
    }

    /// <summary>A start far enough ahead that invitees can still be told, and near enough to be a real plan.</summary>
    public static IRuleBuilderOptions<T, DateTimeOffset> AtLeastLeadTimeAhead<T>(this IRuleBuilder<T, DateTimeOffset> rule, TimeProvider clock) =>
        rule.Must(start => start >= clock.GetUtcNow() + MinimumLeadTime)
            .WithMessage($"The start must be at least {MinimumLeadTime.TotalMinutes:0} minutes from now.")
            .Must(start => start <= clock.GetUtcNow().AddYears(MaximumLeadYears))
            .WithMessage($"The start must be within the next {MaximumLeadYears} years.");

    public static IRuleBuilderOptions<T, string> MeetingTitle<T>(this IRuleBuilderInitial<T, string> rule) =>
        rule.Cascade(CascadeMode.Stop)
            .Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage("Title is required.")
            .Must(t => t.Trim().Length <= TitleMaxLength).WithMessage($"Title must be at most {TitleMaxLength} characters.")
            .Must(t => ReadableText.IsReadable(t, multiline: false)).WithMessage("Title cannot contain control characters or line breaks.");

    public static IRuleBuilderOptions<T, string?> MeetingDescription<T>(this IRuleBuilderInitial<T, string?> rule) =>
        rule.OptionalText("Description", DescriptionMaxLength, multiline: true);

    public static IRuleBuilderOptions<T, string?> MeetingLocation<T>(this IRuleBuilderInitial<T, string?> rule) =>
        rule.OptionalText("Location", LocationMaxLength, multiline: false);

    public static IRuleBuilderOptions<T, string?> AnswerNote<T>(this IRuleBuilderInitial<T, string?> rule) =>
        rule.OptionalText("The note", NoteMaxLength, multiline: true);

    /// <summary>Why something was called off or turned down: optional, and readable.</summary>
    public static IRuleBuilderOptions<T, string?> Reason<T>(this IRuleBuilderInitial<T, string?> rule) =>
        rule.OptionalText("The reason", ReasonMaxLength, multiline: true);

    public static IRuleBuilderOptions<T, TimeSpan> MeetingDuration<T>(this IRuleBuilder<T, TimeSpan> rule) =>
        rule.InclusiveBetween(MinDuration, MaxDuration).WithMessage("Duration must be between 5 minutes and 24 hours.");

    /// <summary>Distinct registered users, at most <see cref="MaxInvitees"/> (an empty list passes: callers say whether one is allowed).</summary>
    public static IRuleBuilderOptions<T, IReadOnlyList<Guid>> Invitees<T>(this IRuleBuilder<T, IReadOnlyList<Guid>> rule, IUserDirectory users) =>
        rule.Must(ids => ids is null || ids.Count <= MaxInvitees).WithMessage($"Invite at most {MaxInvitees} people.")
            .Must(ids => ids is null || ids.Distinct().Count() == ids.Count).WithMessage("Each person can be invited only once.")
            .Must(ids => ids is null || !ids.Contains(Guid.Empty)).WithMessage("Unknown invitee.")
            .MustAsync(async (ids, ct) => ids is null || (await users.FindExistingAsync(ids, ct)).Count == ids.Distinct().Count())
            .WithMessage("Invite registered users only.");

    private static IRuleBuilderOptions<T, string?> OptionalText<T>(this IRuleBuilderInitial<T, string?> rule, string name, int maxLength, bool multiline) =>
        rule.Cascade(CascadeMode.Stop)
            .Must(text => text is null || text.Trim().Length <= maxLength).WithMessage($"{name} must be at most {maxLength:N0} characters.")
            .Must(text => ReadableText.IsReadable(text, multiline))
            .WithMessage(multiline ? $"{name} cannot contain control characters." : $"{name} cannot contain control characters or line breaks.");
}
