using System.Globalization;
using MeetingsApp.EventStore;
using Microsoft.AspNetCore.WebUtilities;

namespace MeetingsApp.Admin;

/// <summary>The event log page's filters as they travel in its URL, so a filtered view can be bookmarked and shared.</summary>
public sealed class EventLogQuery
{
    public string? Type { get; set; }
    public string? Meeting { get; set; }
    public string? User { get; set; }
    public string? Correlation { get; set; }
    public string? Command { get; set; }
    public DateTime? From { get; set; }
    public DateTime? To { get; set; }

    public static EventLogQuery FromUri(string uri)
    {
        var query = QueryHelpers.ParseQuery(new Uri(uri).Query);
        string? Get(string key) => query.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.ToString() : null;
        DateTime? Time(string key) => DateTime.TryParse(Get(key), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t) ? t : null;
        return new EventLogQuery
        {
            Type = Get("type"), Meeting = Get("meeting"), User = Get("user"), Correlation = Get("correlation"), Command = Get("command"),
            From = Time("from"), To = Time("to"),
        };
    }

    public string ToUri(long? before = null)
    {
        var pairs = new Dictionary<string, string?>
        {
            ["type"] = Type, ["meeting"] = Meeting, ["user"] = User, ["correlation"] = Correlation, ["command"] = Command,
            ["from"] = From?.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["to"] = To?.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["before"] = before?.ToString(CultureInfo.InvariantCulture),
        };
        return QueryHelpers.AddQueryString("events", pairs.Where(p => !string.IsNullOrWhiteSpace(p.Value)));
    }

    /// <summary>The store's filter; <paramref name="userId"/> is the acting user already resolved from <see cref="User"/>.</summary>
    public EventLogFilter ToFilter(Guid? userId) => new(
        string.IsNullOrWhiteSpace(Type) ? null : Type,
        Guid.TryParse(Meeting, out var meeting) ? meeting : null,
        userId,
        Guid.TryParse(Correlation, out var correlation) ? correlation : null,
        Guid.TryParse(Command, out var command) ? command : null,
        From is { } from ? new DateTimeOffset(from, TimeSpan.Zero) : null,
        To is { } to ? new DateTimeOffset(to, TimeSpan.Zero) : null);
}
