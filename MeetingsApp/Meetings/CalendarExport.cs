using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using MeetingsApp.Accounts;
using Microsoft.AspNetCore.Mvc;

namespace MeetingsApp.Meetings;

/// <summary>
/// A meeting as an iCalendar event (RFC 5545): for "Add to calendar", and for the invitations e-mailed to people's own
/// calendars, so both carry the same UID, SEQUENCE, attendees and answers.
/// </summary>
public static class CalendarExport
{
    public static string Uid(Guid meetingId) => $"{meetingId}@meetingsapp";

    /// <summary>
    /// The event for <paramref name="meeting"/>, listing <paramref name="attendees"/> (by default every current invitee; a
    /// REPLY names only its sender, a CANCEL to a removed person only that person).
    /// </summary>
    public static CalendarEvent ToEvent(Meeting meeting, IReadOnlyDictionary<Guid, UserSummary> people, DateTimeOffset stamp,
        IEnumerable<Invitee>? attendees = null)
    {
        var e = new CalendarEvent
        {
            Uid = Uid(meeting.Id),
            Summary = meeting.Title,
            Description = string.IsNullOrEmpty(meeting.Description) ? null : meeting.Description,
            Location = string.IsNullOrEmpty(meeting.Location) ? null : meeting.Location,
            DtStart = new CalDateTime(meeting.Start.UtcDateTime),
            DtEnd = new CalDateTime(meeting.End.UtcDateTime),
            DtStamp = new CalDateTime(stamp.UtcDateTime),
            // Calendars replace an event they already have when its sequence grows: the organiser's revisions, never an
            // invitee's answer (RFC 5545 3.8.7.4).
            Sequence = meeting.Revision,
            Status = meeting.Status == MeetingStatus.Cancelled ? EventStatus.Cancelled : EventStatus.Confirmed,
        };
        if (people.TryGetValue(meeting.OrganizerId, out var organiser))
            e.Organizer = new Organizer($"mailto:{organiser.Email}") { CommonName = organiser.DisplayName };
        foreach (var invitee in attendees ?? meeting.Invitees)
        {
            if (!people.TryGetValue(invitee.UserId, out var person)) continue;
            e.Attendees.Add(new Attendee($"mailto:{person.Email}")
            {
                CommonName = person.DisplayName,
                Rsvp = true,
                ParticipationStatus = invitee.Response switch
                {
                    InvitationResponse.Accepted => EventParticipationStatus.Accepted,
                    InvitationResponse.Declined => EventParticipationStatus.Declined,
                    InvitationResponse.Tentative => EventParticipationStatus.Tentative,
                    _ => EventParticipationStatus.NeedsAction,
                },
            });
        }
        return e;
    }

    /// <summary>A whole calendar file holding one event; <paramref name="method"/> is iTIP's (REQUEST, CANCEL, REPLY) or none.</summary>
    public static string Serialize(CalendarEvent e, string? method = null)
    {
        var calendar = new Ical.Net.Calendar();
        if (method is not null) calendar.Method = method;
        calendar.Events.Add(e);
        // Ical.Net folds at UTF-16 chars, which can split an emoji's surrogate pair (U+FFFD in the recipient's calendar):
        // joining its folds back is lossless, since a text value never holds a raw line break, then fold by octets.
        return Fold(new CalendarSerializer().SerializeToString(calendar)!.Replace("\r\n ", ""));
    }

    /// <summary>RFC 5545 3.1: lines of at most 75 octets, continued on a line that starts with a space, never inside a character.</summary>
    private static string Fold(string unfolded)
    {
        var folded = new System.Text.StringBuilder(unfolded.Length + unfolded.Length / 50);
        foreach (var line in unfolded.Split("\r\n"))
        {
            if (folded.Length > 0) folded.Append("\r\n");
            var octets = 0;
            foreach (var rune in line.EnumerateRunes())
            {
                if (octets + rune.Utf8SequenceLength > 75)
                {
                    folded.Append("\r\n ");
                    octets = 1;
                }
                folded.Append(rune.ToString());
                octets += rune.Utf8SequenceLength;
            }
        }
        return folded.ToString();
    }

    public static string ToICalendar(MeetingDetails meeting, IReadOnlyDictionary<Guid, UserSummary> people, DateTimeOffset stamp) =>
        Serialize(ToEvent(MeetingReadModel.ToMeeting(meeting.Meeting, meeting.Participants), people, stamp));

    public static IEndpointRouteBuilder MapCalendarExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/meetings/{meetingId:guid}/calendar.ics", async (Guid meetingId, HttpContext http,
            [FromServices] MeetingQueries queries, [FromServices] UserDirectory users, [FromServices] TimeProvider clock, CancellationToken ct) =>
        {
            var meeting = http.User.UserId() is { } userId ? await queries.GetAsync(meetingId, userId, ct) : null;
            if (meeting is null) return Results.NotFound();
            var ics = ToICalendar(meeting, await users.GetAsync(meeting.Participants.Select(p => p.UserId), ct), clock.GetUtcNow());
            return Results.File(System.Text.Encoding.UTF8.GetBytes(ics), "text/calendar", $"{Slug(meeting.Meeting.Title)}.ics");
        }).RequireAuthorization();
        return endpoints;
    }

    private static string Slug(string title)
    {
        var slug = new string(title.Select(c => char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray()).Trim('-');
        return slug.Length == 0 ? "meeting" : slug[..Math.Min(slug.Length, 60)];
    }
}
