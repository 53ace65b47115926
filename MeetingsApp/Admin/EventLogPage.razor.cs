using System.Text.Json;
using MeetingsApp.Accounts;
using MeetingsApp.EventStore;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MeetingsApp.Admin;

/// <summary>The whole log for admins, newest first, a page at a time (keyset paging stays fast at any depth).</summary>
public sealed partial class EventLogPage
{
    private const int PageSize = 50;

    private EventLogQuery _query = new();
    private IReadOnlyList<StoredEvent>? _rows;
    private IReadOnlyDictionary<Guid, UserSummary> _names = new Dictionary<Guid, UserSummary>();
    private readonly HashSet<long> _expanded = [];
    private List<ChartSeries<double>> _chartSeries = [];
    private string[] _chartLabels = [];

    /// <summary>The keyset page's upper bound; text, so a hand-edited "?before=abc" shows the newest page instead of failing.</summary>
    [SupplyParameterFromQuery(Name = "before")] public string? BeforeParameter { get; set; }

    private long? Before => long.TryParse(BeforeParameter, System.Globalization.CultureInfo.InvariantCulture, out var before) ? before : null;

    [Inject] private EventLogQueries Log { get; set; } = null!;
    [Inject] private UserDirectory Users { get; set; } = null!;
    [Inject] private NavigationManager Navigation { get; set; } = null!;

    [CascadingParameter] private TimeZoneInfo TimeZone { get; set; } = TimeZoneInfo.Utc;

    protected override async Task OnParametersSetAsync()
    {
        _query = EventLogQuery.FromUri(Navigation.Uri);
        Guid? userId = null;
        if (_query.User is { } email)
        {
            var match = await Users.FindByEmailAsync(email);
            // An unknown user matches no event rather than every event.
            userId = match?.Id ?? Guid.Empty;
        }
        var filter = _query.ToFilter(userId);
        var rows = await Log.PageAsync(filter, Before, PageSize);
        _names = await Users.GetAsync(rows.Select(ActorId).OfType<Guid>());
        _rows = rows;
        BuildChart(await Log.CountPerDayAsync(filter));
    }

    private Task ApplyAsync(EventLogQuery query)
    {
        Navigation.NavigateTo(query.ToUri());
        return Task.CompletedTask;
    }

    private void BuildChart(IReadOnlyList<(DateOnly Day, string EventType, int Count)> counts)
    {
        var days = counts.Select(c => c.Day).Distinct().Order().ToList();
        _chartLabels = [.. days.Select(d => d.ToString("d MMM"))];
        _chartSeries = [.. counts.Select(c => c.EventType).Distinct().Order().Select(type => new ChartSeries<double>
        {
            Name = type,
            Data = days.Select(d => (double)counts.Where(c => c.Day == d && c.EventType == type).Sum(c => c.Count)).ToArray(),
        })];
    }

    private void Toggle(long position)
    {
        if (!_expanded.Remove(position)) _expanded.Add(position);
    }

    private static Guid? ActorId(StoredEvent row)
    {
        try
        {
            using var meta = JsonDocument.Parse(row.Meta);
            return meta.RootElement.TryGetProperty("userId", out var id) && id.TryGetGuid(out var guid) ? guid : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private string ActorOf(StoredEvent row) =>
        ActorId(row) is { } id && _names.TryGetValue(id, out var user) ? user.DisplayName : "Unknown";

    private static string Short(Guid id) => id.ToString()[..8];
}
