namespace MeetingsApp.Meetings;

/// <summary>
/// Someone busy with another meeting during a meeting's time: a warning, never a refusal (people double-book on purpose).
/// <see cref="OtherTitle"/> is null when the person asking may not see that other meeting; they only learn "busy".
/// </summary>
public sealed record Clash(Guid UserId, Guid OtherMeetingId, string? OtherTitle, DateTimeOffset Start, DateTimeOffset End);

/// <summary>A start that every person asked about is free for, within their working hours.</summary>
public sealed record FreeSlot(DateTimeOffset Start, DateTimeOffset End);

/// <summary>
/// Who is busy when, as the free/busy read model has it. Implemented by the calendar feature; the meetings feature only
/// asks, so that <c>Decide</c> stays pure and the command handler attaches the answers to its result.
/// </summary>
public interface IFreeBusy
{
    /// <summary>
    /// The meetings (other than <paramref name="meetingId"/>) that keep <paramref name="people"/> busy between
    /// <paramref name="start"/> and <paramref name="end"/>, named as far as <paramref name="askingUserId"/> may see them.
    /// </summary>
    Task<IReadOnlyList<Clash>> ClashesAsync(Guid askingUserId, Guid? meetingId, DateTimeOffset start, DateTimeOffset end,
        IReadOnlyCollection<Guid> people, CancellationToken ct = default);

    /// <summary>
    /// The earliest starts from <paramref name="from"/> on at which all <paramref name="people"/> are free and at work, on the
    /// hours and half hours of <paramref name="zone"/> (the zone of whoever reads them).
    /// </summary>
    Task<IReadOnlyList<FreeSlot>> SuggestAsync(Guid? meetingId, IReadOnlyCollection<Guid> people, TimeSpan duration,
        DateTimeOffset from, TimeZoneInfo zone, int count, CancellationToken ct = default);
}

/// <summary>Who a meeting keeps busy, and whom a change makes newly busy: the rules the warnings and the read model share.</summary>
public static class Busy
{
    /// <summary>How far ahead "Suggest times" looks.</summary>
    public static readonly TimeSpan SuggestionHorizon = TimeSpan.FromDays(60);

    /// <summary>The organiser and every invitee who has not declined, unless the meeting is cancelled.</summary>
    public static IEnumerable<(Guid UserId, bool IsOrganizer, InvitationResponse Response)> People(Meeting meeting) =>
        meeting.Status == MeetingStatus.Cancelled ? [] :
            meeting.Invitees.Where(i => i.Response != InvitationResponse.Declined).Select(i => (i.UserId, false, i.Response))
                .Prepend((meeting.OrganizerId, true, InvitationResponse.Accepted));

    /// <summary>
    /// Whom to warn about after a change from <paramref name="before"/> to <paramref name="after"/>: everyone the meeting keeps
    /// busy when it is new or its time changed; otherwise those it now keeps busy who were free of it before (newly invited,
    /// back from a decline), and the <paramref name="actor"/> when they just said yes or maybe.
    /// </summary>
    public static IReadOnlyList<Guid> NewlyBusy(Meeting? before, Meeting after, Guid actor)
    {
        var now = People(after).Select(p => p.UserId).ToList();
        if (before is null || before.Start != after.Start || before.Duration != after.Duration) return now;
        var then = People(before).Select(p => p.UserId).ToHashSet();
        var answered = after.InviteeOf(actor) is { Response: InvitationResponse.Accepted or InvitationResponse.Tentative } mine
            && !Equals(before.InviteeOf(actor), mine);
        return now.Where(id => !then.Contains(id) || (answered && id == actor)).ToList();
    }
}
