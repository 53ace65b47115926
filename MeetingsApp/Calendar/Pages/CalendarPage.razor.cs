using System.Globalization;
using MeetingsApp.Accounts;
using MeetingsApp.Shared;
using Microsoft.AspNetCore.Components;

namespace MeetingsApp.Calendar.Pages;

/// <summary>
/// The person's meetings as a day, week or month in their own zone. Everything the page shows is in its address (view,
/// date, "show all", "as of"), so previous / next / today are plain links: keyboard, history and bookmarks just work.
/// </summary>
public sealed partial class CalendarPage
{
    private CalendarView _view = CalendarView.Week;
    private DateOnly _date;
    private bool _all;
    private DateTimeOffset? _asOf;
    private string? _asOfInput;
    private IReadOnlyList<CalendarDay>? _days;
    private readonly LatestRead _reads = new();

    [Inject] private CalendarQueries Queries { get; set; } = null!;
    [Inject] private NavigationManager Navigation { get; set; } = null!;
    [Inject] private TimeProvider Clock { get; set; } = null!;

    [CascadingParameter] private SignedInUser Me { get; set; } = null!;
    [CascadingParameter] private TimeZoneInfo TimeZone { get; set; } = TimeZoneInfo.Utc;

    [SupplyParameterFromQuery(Name = "view")] public string? ViewParameter { get; set; }

    /// <summary>Any day in the period shown, as yyyy-MM-dd; today when absent, unreadable or out of range (<see cref="Times.TryParseDate"/>).</summary>
    [SupplyParameterFromQuery(Name = "date")] public string? DateParameter { get; set; }

    /// <summary>"true" shows cancelled meetings too; read leniently, like every parameter here (a hand-edited "yes" is "no").</summary>
    [SupplyParameterFromQuery(Name = "all")] public string? AllParameter { get; set; }

    /// <summary>An instant (ISO 8601): the calendar as the log had it then.</summary>
    [SupplyParameterFromQuery(Name = "asOf")] public string? AsOfParameter { get; set; }

    private DateOnly Today => DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime.ToZone(TimeZone));

    private string ViewName => _view.ToString().ToLowerInvariant();

    private string Heading
    {
        get
        {
            var (first, last) = CalendarLayout.Days(_view, _date);
            return _view switch
            {
                CalendarView.Day => _date.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture),
                CalendarView.Week => $"{first.ToString("d MMM", CultureInfo.InvariantCulture)} – {last.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}",
                _ => _date.ToString("MMMM yyyy", CultureInfo.InvariantCulture),
            };
        }
    }

    protected override Task OnParametersSetAsync()
    {
        _view = Enum.TryParse<CalendarView>(ViewParameter, ignoreCase: true, out var view) && Enum.IsDefined(view) ? view : CalendarView.Week;
        _date = Times.TryParseDate(DateParameter) ?? Today;
        _all = bool.TryParse(AllParameter, out var all) && all;
        _asOf = Times.TryParseInstant(AsOfParameter);
        return LoadAsync();
    }

    private async Task LoadAsync()
    {
        var read = _reads.Start();
        var (first, last) = CalendarLayout.Days(_view, _date);
        var (from, to) = CalendarLayout.Window(first, last, TimeZone);
        var entries = _asOf is { } instant
            ? await Queries.MyCalendarAsOfAsync(Me.Id, instant, from, to)
            : await Queries.MyCalendarAsync(Me.Id, from, to);
        if (_reads.IsLatest(read)) _days = CalendarLayout.Lay(entries.Where(e => _all || !e.IsHiddenByDefault), first, last, TimeZone);
    }

    /// <summary>This page's address with some of its settings changed; an empty <paramref name="asOf"/> leaves the past.</summary>
    private string Link(CalendarView? view = null, DateOnly? date = null, string? asOf = null, bool? all = null) =>
        Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            ["view"] = (view ?? _view).ToString().ToLowerInvariant(),
            ["date"] = (date ?? _date).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["all"] = (all ?? _all) ? "true" : null,
            ["asOf"] = asOf is null ? _asOf?.ToString("O") : asOf.Length == 0 ? null : asOf,
        });

    private string MeetingLink(CalendarEntry entry) =>
        _asOf is null ? $"meetings/{entry.MeetingId}" : $"meetings/{entry.MeetingId}/timeline?v={entry.Version}";

    private void ShowAll(bool all) => Navigation.NavigateTo(Link(all: all));

    private void Travel()
    {
        if (Times.FromLocalInput(_asOfInput, TimeZone) is { } instant) Navigation.NavigateTo(Link(asOf: instant.ToString("O")));
    }
}
