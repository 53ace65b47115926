using System.Net;
using MeetingsApp.Accounts;
using MeetingsApp.Shared;
using MeetingsApp.Meetings;
using MimeKit;

namespace MeetingsApp.Email;

/// <summary>Someone a message can go to: who they are, and how they want times shown.</summary>
public sealed record Mailbox(UserSummary Person, TimeZoneInfo TimeZone);

/// <summary>What one event means for one recipient's mailbox.</summary>
public sealed record Letter(Guid RecipientId, string Method, string Purpose);

/// <summary>
/// iMIP messages (RFC 6047) carrying iTIP (RFC 5546): a plain-text and an HTML body in the recipient's time zone, and a
/// <c>text/calendar; method=...</c> part that Outlook, Google Calendar and Thunderbird turn into a calendar entry.
/// </summary>
public static class InvitationMessages
{
    /// <summary>
    /// Who hears of <paramref name="event"/> and how, as <paramref name="meeting"/> stands after it. The organiser gets a
    /// copy of every invitation, update and cancellation, so her own calendar knows the UID that replies refer to.
    /// </summary>
    public static IEnumerable<Letter> LettersFor(object @event, Meeting meeting)
    {
        var organiser = meeting.OrganizerId;
        IEnumerable<Letter> ToAll(string method, string purpose) =>
            meeting.Invitees.Select(i => new Letter(i.UserId, method, purpose)).Append(new Letter(organiser, method, purpose));
        return @event switch
        {
            MeetingScheduled => ToAll("REQUEST", "invitation"),
            PeopleInvited e => e.UserIds.Select(id => new Letter(id, "REQUEST", "invitation")).Append(new Letter(organiser, "REQUEST", "update")),
            PeopleRemoved e => e.UserIds.Select(id => new Letter(id, "CANCEL", "removal")).Append(new Letter(organiser, "REQUEST", "update")),
            MeetingDetailsEdited or MeetingRescheduled => ToAll("REQUEST", "update"),
            MeetingCancelled => ToAll("CANCEL", "cancellation"),
            InvitationAccepted or InvitationTentativelyAccepted or InvitationDeclined => [new Letter(organiser, "REPLY", "answer")],
            _ => [],
        };
    }

    public static MimeMessage Build(Letter letter, object @event, Meeting meeting, Mailbox to, IReadOnlyDictionary<Guid, UserSummary> people,
        DateTimeOffset at, string messageId, EmailOptions options)
    {
        var organiser = people[meeting.OrganizerId].DisplayName;
        var answerer = @event switch
        {
            InvitationAccepted e => (e.UserId, "accepted", e.Note),
            InvitationTentativelyAccepted e => (e.UserId, "said maybe to", e.Note),
            InvitationDeclined e => (e.UserId, "declined", e.Note),
            _ => default((Guid UserId, string Verb, string? Note)?),
        };
        var when = $"{When(meeting, to.TimeZone)} ({to.TimeZone.Id})";
        var (subject, lead) = letter.RecipientId == meeting.OrganizerId && answerer is null
            ? ToTheOrganiser(letter, @event, meeting, people, to.TimeZone)
            : (letter.Purpose, answerer) switch
        {
            (_, { } a) => ($"{people[a.UserId].DisplayName} {a.Verb} “{meeting.Title}”",
                $"{people[a.UserId].DisplayName} {a.Verb} your meeting{(a.Note is null ? "." : $": “{a.Note}”")}"),
            ("invitation", _) => ($"Invitation: {meeting.Title} @ {meeting.Start.Show(to.TimeZone)}", $"{organiser} invites you."),
            ("cancellation", _) => ($"Cancelled: {meeting.Title}", $"{organiser} cancelled this meeting."),
            ("removal", _) => ($"Removed: {meeting.Title}", $"{organiser} removed you from this meeting."),
            (_, _) when @event is MeetingRescheduled { AcceptedProposal: { } p } =>
                ($"Updated: {meeting.Title} @ {meeting.Start.Show(to.TimeZone)}", p.ProposedBy == letter.RecipientId
                    ? $"{organiser} accepted the time you proposed."
                    : $"{organiser} moved this meeting to the time {people[p.ProposedBy].DisplayName} proposed."),
            _ => ($"Updated: {meeting.Title} @ {meeting.Start.Show(to.TimeZone)}", $"{organiser} changed this meeting."),
        };

        var calendarEvent = CalendarExport.ToEvent(meeting, people, at, letter.Method == "REPLY" ? [meeting.InviteeOf(answerer!.Value.UserId)!]
            : letter.Purpose == "removal" ? [new Invitee(letter.RecipientId, InvitationResponse.Pending)] : null);
        if (letter.Method == "CANCEL") calendarEvent.Status = Ical.Net.EventStatus.Cancelled;
        if (answerer?.Note is { } note) calendarEvent.Comments.Add(note);
        var calendar = new TextPart("calendar") { Text = CalendarExport.Serialize(calendarEvent, letter.Method) };
        calendar.ContentType.Parameters.Add("method", letter.Method);
        calendar.ContentType.Charset = "utf-8";

        var links = letter.Method == "REQUEST" && letter.RecipientId != meeting.OrganizerId
            ? new[] { ("Accept", "accept"), ("Maybe", "maybe"), ("Decline", "decline") }
                .Select(l => (Label: l.Item1, Url: $"{options.AppUrl.TrimEnd('/')}/meetings/{meeting.Id}?answer={l.Item2}")).ToList()
            : [(Label: "Open the meeting", Url: $"{options.AppUrl.TrimEnd('/')}/meetings/{meeting.Id}")];
        var details = new List<(string Label, string Value)> { ("When", when) };
        if (meeting.Location.Length > 0) details.Add(("Where", meeting.Location));
        details.Add(("Organiser", $"{organiser} <{people[meeting.OrganizerId].Email}>"));
        if (meeting.Description.Length > 0) details.Add(("About", meeting.Description));

        var text = string.Join("\n", new[] { lead, "", meeting.Title }.Concat(details.Select(d => $"{d.Label}: {d.Value}"))
            .Concat(["", .. links.Select(l => $"{l.Label}: {l.Url}")])
            .Concat(links.Count == 1 ? [] : ["",
                "Answer in MeetingsApp through these links (you confirm there with one click): an answer given inside another " +
                "calendar program reaches only the organiser's mailbox, not MeetingsApp."]));
        var html = $"""
            <p>{Html(lead)}</p>
            <h2 dir="auto">{Html(meeting.Title)}</h2>
            <table>{string.Concat(details.Select(d => $"<tr><th align=\"left\">{d.Label}</th><td dir=\"auto\">{Html(d.Value)}</td></tr>"))}</table>
            <p>{string.Join(" · ", links.Select(l => $"<a href=\"{Html(l.Url)}\">{l.Label}</a>"))}</p>
            """;

        var message = new MimeMessage { Subject = subject, MessageId = messageId, Date = at };
        message.From.Add(MailboxAddress.Parse(options.From));
        message.To.Add(new MailboxAddress(to.Person.DisplayName, to.Person.Email));
        message.Body = new Multipart("alternative")
        {
            new TextPart("plain") { Text = text },
            new TextPart("html") { Text = html },
            calendar,
        };
        return message;
    }

    /// <summary>
    /// The message as 7-bit text with CRLF line ends (RFC 5322; the platform's newline would be a bare LF on Linux), so
    /// it is stored, handed to SMTP and written to the pickup folder byte for byte the same, whatever the server accepts.
    /// </summary>
    public static string Serialize(MimeMessage message)
    {
        message.Prepare(EncodingConstraint.SevenBit);
        using var buffer = new MemoryStream();
        message.WriteTo(WireFormat, buffer);
        return System.Text.Encoding.ASCII.GetString(buffer.ToArray());
    }

    /// <summary>How messages are written everywhere: CRLF, whatever the platform.</summary>
    public static FormatOptions WireFormat => new() { NewLineFormat = NewLineFormat.Dos };

    /// <summary>Start and end in <paramref name="zone"/>; the end's date too when it falls on another day there.</summary>
    private static string When(Meeting meeting, TimeZoneInfo zone) =>
        meeting.End.UtcDateTime.ToZone(zone).Date == meeting.Start.UtcDateTime.ToZone(zone).Date
            ? $"{meeting.Start.Show(zone)} – {meeting.End.UtcDateTime.ShowTime(zone)}"
            : $"{meeting.Start.Show(zone)} – {meeting.End.Show(zone)}";

    /// <summary>The organiser's own copy, which keeps her calendar in step: it tells her what she did, not that she is invited.</summary>
    private static (string Subject, string Lead) ToTheOrganiser(Letter letter, object @event, Meeting meeting,
        IReadOnlyDictionary<Guid, UserSummary> people, TimeZoneInfo zone)
    {
        string Names(IEnumerable<Guid> ids) => string.Join(", ", ids.Select(id => people.TryGetValue(id, out var p) ? p.DisplayName : "someone"));
        var at = meeting.Start.Show(zone);
        return (letter.Purpose, @event) switch
        {
            ("invitation", _) => ($"Copy of your invitation: {meeting.Title} @ {at}",
                "You scheduled this meeting. This is your own copy of the invitation, for your calendar."),
            ("cancellation", _) => ($"Cancelled: {meeting.Title} (your copy)", "You cancelled this meeting."),
            (_, PeopleInvited e) => ($"Updated: {meeting.Title} @ {at} (your copy)", $"You invited {Names(e.UserIds)}."),
            (_, PeopleRemoved e) => ($"Updated: {meeting.Title} @ {at} (your copy)", $"You removed {Names(e.UserIds)} from this meeting."),
            (_, MeetingRescheduled { AcceptedProposal: { } p }) => ($"Updated: {meeting.Title} @ {at} (your copy)",
                $"You moved this meeting to the time {Names([p.ProposedBy])} proposed."),
            _ => ($"Updated: {meeting.Title} @ {at} (your copy)", "You changed this meeting."),
        };
    }

    private static string Html(string text) => WebUtility.HtmlEncode(text);
}
