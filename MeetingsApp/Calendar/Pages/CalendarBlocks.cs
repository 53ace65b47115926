using System.Globalization;
using MeetingsApp.Shared;
using MeetingsApp.Meetings;

namespace MeetingsApp.Calendar.Pages;

/// <summary>How a meeting reads on the calendar: its look by the person's part in it, and its words for screen readers.</summary>
public static class CalendarBlocks
{
    /// <summary>Accepted (or organised) ones are filled; maybe and pending ones are outlined, pending dashed; declined and cancelled struck through.</summary>
    public static string Css(CalendarEntry entry) => "cal-block " + (entry switch
    {
        { Status: MeetingStatus.Cancelled } => "cal-cancelled",
        { Response: InvitationResponse.Declined } => "cal-declined",
        { IsOrganizer: true } or { Response: InvitationResponse.Accepted } => "cal-accepted",
        { Response: InvitationResponse.Tentative } => "cal-tentative",
        _ => "cal-pending",
    });

    /// <summary>The person's part, in words: shown in the block, so colour is never the only sign.</summary>
    public static string Part(CalendarEntry entry) => entry switch
    {
        { Status: MeetingStatus.Cancelled } => "cancelled",
        { IsOrganizer: true } => "organiser",
        { Response: InvitationResponse.Accepted } => "accepted",
        { Response: InvitationResponse.Declined } => "declined",
        { Response: InvitationResponse.Tentative } => "maybe",
        _ => "not answered",
    };

    public static string StartTime(CalendarEntry entry, TimeZoneInfo zone) => entry.Start.ShowTime(zone);

    public static string Times(CalendarEntry entry, TimeZoneInfo zone) => $"{entry.Start.ShowTime(zone)}–{entry.End.ShowTime(zone)}";

    /// <summary>The day, for screen readers: a block read on its own (as a link in a list) would lose its column's heading.</summary>
    public static string Day(CalendarEntry entry, TimeZoneInfo zone) => entry.Start.ToZone(zone).ToString("dddd d MMMM", CultureInfo.InvariantCulture);
}
