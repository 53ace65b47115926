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

    /// <summary>
    /// Text people will read: no control characters (line breaks and tabs only where <paramref name="multiline"/>), no
    /// bidirectional overrides or isolates (U+202A–U+202E, U+2066–U+2069: "invoice\u202Egnp.exe" shows as "invoiceexe.png"),
    /// and not made only of invisible characters (a name of U+200B alone). Joiners (U+200D in emoji, U+200C in Persian
    /// and Indic names) and other zero-width marks are fine between visible characters. Blank text is left to the
    /// rules that require a value.
    /// </summary>
    public static bool IsReadableText(string? text, bool multiline)
    {
        if (text is null) return true;
        var blank = true;
        var visible = false;
        foreach (var rune in text.EnumerateRunes())
        {
            if (System.Text.Rune.IsControl(rune) && !(multiline && rune.Value is '\n' or '\r' or '\t')) return false;
            if (rune.Value is >= 0x202A and <= 0x202E or >= 0x2066 and <= 0x2069) return false;
            if (System.Text.Rune.IsWhiteSpace(rune)) continue;
            blank = false;
            // Format characters (zero-width spaces and joiners, marks, tags), fillers that render as nothing, and
            // selectors that only modify the character before them.
            var invisible = System.Text.Rune.GetUnicodeCategory(rune) == System.Globalization.UnicodeCategory.Format
                || rune.Value is 0x034F or 0x115F or 0x1160 or 0x2800 or 0x3164 or 0xFFA0 or >= 0x180B and <= 0x180F
                    or >= 0xFE00 and <= 0xFE0F or >= 0xE0100 and <= 0xE01EF;
            visible |= !invisible;
        }
        return blank || visible;
    }
}
