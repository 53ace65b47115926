using System.Globalization;

namespace MeetingsApp.Shared;

/// <summary>Instants are stored in UTC and shown in the browser's time zone.</summary>
public static class Times
{
    /// <summary>
    /// The dates the app reads from a query or a field: anything outside is a typo or a hand-edited address and is ignored
    /// like text that is no date, well clear of the year 1 and 9999 where a day's window or a meeting's end overflow.
    /// </summary>
    public static readonly DateOnly EarliestDate = new(1900, 1, 1), LatestDate = new(9000, 12, 31);

    /// <summary>The text of a browser's datetime-local field. Always written and read invariantly: fi-FI would turn ':' into '.'.</summary>
    public const string LocalInputFormat = "yyyy-MM-ddTHH:mm";

    // What browsers send back: minutes, or seconds and fractions when a step asks for them.
    private static readonly string[] LocalInputFormats = [LocalInputFormat, "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF"];

    /// <summary>The text of a browser's time field, a time of day. Written and read invariantly too, for the same reason.</summary>
    public const string TimeInputFormat = "HH:mm";

    private static readonly string[] TimeInputFormats = [TimeInputFormat, "HH:mm:ss", "HH:mm:ss.FFFFFFF"];

    /// <summary>An instant from a query value (ISO 8601, UTC unless it says otherwise); null for anything else, or outside the readable range.</summary>
    public static DateTimeOffset? TryParseInstant(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            && IsReadable(DateOnly.FromDateTime(instant.UtcDateTime)) ? instant : null;

    /// <summary>A day from a query value (yyyy-MM-dd); null for anything else, or for a day outside the readable range.</summary>
    public static DateOnly? TryParseDate(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && IsReadable(date) ? date : null;

    /// <summary>A datetime-local field's wall-clock time; null for anything else, or for a day outside the readable range.</summary>
    public static DateTime? TryParseLocalInput(string? text) =>
        DateTime.TryParseExact(text, LocalInputFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            && IsReadable(DateOnly.FromDateTime(local)) ? local : null;

    /// <summary>A time field's time of day; null for anything else.</summary>
    public static TimeOnly? TryParseTimeInput(string? text) =>
        TimeOnly.TryParseExact(text, TimeInputFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;

    /// <summary>A time of day as a time field holds it.</summary>
    public static string ToTimeInput(this TimeOnly time) => time.ToString(TimeInputFormat, CultureInfo.InvariantCulture);

    /// <summary>A wall-clock time as a datetime-local field holds it.</summary>
    public static string ToLocalInput(this DateTime wallClock) => wallClock.ToString(LocalInputFormat, CultureInfo.InvariantCulture);

    /// <summary>An instant as a datetime-local field in <paramref name="zone"/> holds it.</summary>
    public static string ToLocalInput(this DateTimeOffset instant, TimeZoneInfo zone) => instant.UtcDateTime.ToZone(zone).ToLocalInput();

    /// <summary>
    /// The instant a datetime-local field's text means in <paramref name="zone"/>. While the text is still how
    /// <paramref name="filledWith"/> (the instant the field was filled with: the meeting's start, a picked suggestion) shows,
    /// it means that instant, so a time in the hour the clocks repeat stays the occurrence it was.
    /// </summary>
    public static DateTimeOffset? FromLocalInput(string? text, TimeZoneInfo zone, DateTimeOffset? filledWith = null)
    {
        if (TryParseLocalInput(text) is not { } local) return null;
        if (filledWith is { } known && TryParseLocalInput(known.ToLocalInput(zone)) == local) return known;
        return FromZone(local, zone);
    }

    public static DateTime ToZone(this DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);

    public static string Show(this DateTime utc, TimeZoneInfo zone) =>
        utc.ToZone(zone).ToString("ddd d MMM yyyy, HH:mm") + Occurrence(utc, zone);

    public static string ShowTime(this DateTime utc, TimeZoneInfo zone) => utc.ToZone(zone).ToString("HH:mm") + Occurrence(utc, zone);

    /// <summary>
    /// In the hour the clocks repeat, which of the two a time is, by its offset: " (UTC-4)" then " (UTC-5)" in New York,
    /// so that an hour's meeting from 01:30 reads "01:30 (UTC-4) – 01:30 (UTC-5)" rather than "01:30 – 01:30". Elsewhere nothing.
    /// </summary>
    private static string Occurrence(DateTime utc, TimeZoneInfo zone)
    {
        var instant = new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
        if (!zone.IsAmbiguousTime(instant)) return "";
        var offset = zone.GetUtcOffset(instant);
        var text = offset.Minutes == 0 ? $"{Math.Abs(offset.Hours)}" : $"{Math.Abs(offset.Hours)}:{Math.Abs(offset.Minutes):00}";
        return $" (UTC{(offset < TimeSpan.Zero ? "-" : "+")}{text})";
    }

    public static string Show(this DateTimeOffset instant, TimeZoneInfo zone) => instant.UtcDateTime.Show(zone);

    public static string Show(this TimeSpan duration) => duration switch
    {
        { TotalMinutes: < 60 } => $"{duration.TotalMinutes:0} min",
        { Minutes: 0 } => $"{duration.TotalHours:0} h",
        _ => $"{(int)duration.TotalHours} h {duration.Minutes} min",
    };

    /// <summary>
    /// A wall-clock time the user typed, in their zone, as a UTC instant. A time the clocks skip when they go forward
    /// (02:30 on the night summer time starts in Berlin) does not exist there: it is read with the offset from before the
    /// jump, so it means the time as much later as the clocks jumped (03:30 in Berlin; 02:15 at Lord Howe Island, whose
    /// clocks jump half an hour, means 02:45). A time
    /// the clocks repeat when they go back (01:30 on the night summer time ends in New York) happens twice: it means the
    /// first, still on summer time, as most calendar programs read it (TimeZoneInfo alone would take the second). A field
    /// filled with a known instant reads back as that instant instead (<see cref="FromLocalInput"/>).
    /// </summary>
    public static DateTimeOffset FromZone(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local)) return new DateTimeOffset(local, zone.GetUtcOffset(local.AddDays(-1))).ToUniversalTime();
        if (zone.IsAmbiguousTime(local))
            return new DateTimeOffset(local, zone.GetAmbiguousTimeOffsets(local).Max()).ToUniversalTime();
        return new(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }

    public static TimeZoneInfo FindZone(string? id)
    {
        try
        {
            return string.IsNullOrEmpty(id) ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc;
        }
    }

    private static bool IsReadable(DateOnly date) => date >= EarliestDate && date <= LatestDate;
}
