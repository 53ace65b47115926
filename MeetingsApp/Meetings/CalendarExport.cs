using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using MeetingsApp.Accounts;
using Microsoft.AspNetCore.Mvc;

namespace MeetingsApp.Meetings;

/// <summary>"Add to calendar": the meeting as an iCalendar file, for its participants only.</summary>
public static class CalendarExport
{
    public static string ToICalendar(MeetingDetails meeting, IReadOnlyDictionary<Guid, UserSummary> people)
    {
        var m = meeting.Meeting;
        var e = new CalendarEvent
        {
            Uid = $"{m.MeetingId}@meetingsapp",
            Summary = m.Title,
            Description = string.IsNullOrEmpty(m.Description) ? null : m.Description,
            Location = string.IsNullOrEmpty(m.Location) ? null : m.Location,
            DtStart = new CalDateTime(DateTime.SpecifyKind(m.Start, DateTimeKind.Utc)),
            DtEnd = new CalDateTime(DateTime.SpecifyKind(m.End, DateTimeKind.Utc)),
            // Calendars replace an event they already have when its sequence grows: the organiser's revisions, never an
            // invitee's answer (RFC 5545 3.8.7.4).
            Sequence = m.Revision,
            Status = m.Status == MeetingStatus.Cancelled ? EventStatus.Cancelled : EventStatus.Confirmed,
        };
        foreach (var p in meeting.Participants)
        {
            if (!people.TryGetValue(p.UserId, out var person)) continue;
            if (p.IsOrganizer) e.Organizer = new Organizer($"mailto:{person.Email}") { CommonName = person.DisplayName };
            else e.Attendees.Add(new Attendee($"mailto:{person.Email}")
            {
                CommonName = person.DisplayName,
                ParticipationStatus = p.Response switch
                {
                    InvitationResponse.Accepted => EventParticipationStatus.Accepted,
                    InvitationResponse.Declined => EventParticipationStatus.Declined,
                    InvitationResponse.Tentative => EventParticipationStatus.Tentative,
                    _ => EventParticipationStatus.NeedsAction,
                },
            });
        }
        var calendar = new Calendar();
        calendar.Events.Add(e);
        return new CalendarSerializer().SerializeToString(calendar)!;
    }

    public static IEndpointRouteBuilder MapCalendarExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/meetings/{meetingId:guid}/calendar.ics", async (Guid meetingId, HttpContext http,
            [FromServices] MeetingQueries queries, [FromServices] UserDirectory users, CancellationToken ct) =>
        {
            var meeting = http.User.UserId() is { } userId ? await queries.GetAsync(meetingId, userId, ct) : null;
            if (meeting is null) return Results.NotFound();
            var ics = ToICalendar(meeting, await users.GetAsync(meeting.Participants.Select(p => p.UserId), ct));
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
