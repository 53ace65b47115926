using MeetingsApp.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MeetingsApp.Accounts;

/// <summary>The profile: time zone, e-mail on or off, working hours; all are saved or none.</summary>
public sealed partial class ProfilePage
{
    private static readonly string[] Zones = [.. TimeZoneInfo.GetSystemTimeZones().Where(z => z.HasIanaId).Select(z => z.Id).Order()];
    private Profile? _profile;
    private string? _zone, _zoneError;
    private bool _email;
    private WorkDays _days;
    private string? _from, _to, _hoursError;

    private static readonly DayOfWeek[] WeekDays =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    [CascadingParameter] private SignedInUser Me { get; set; } = null!;

    [CascadingParameter] private TimeZoneInfo TimeZone { get; set; } = TimeZoneInfo.Utc;

    protected override async Task OnInitializedAsync()
    {
        _profile = await Profiles.GetAsync(Me.Id);
        (_zone, _email) = (_profile?.TimeZone ?? TimeZone.Id, _profile?.EmailNotifications ?? true);
        if (_profile is not null) (_days, _from, _to) = (_profile.WorkDays, _profile.WorkStart.ToTimeInput(), _profile.WorkEnd.ToTimeInput());
    }

    private void ToggleDay(DayOfWeek day, bool on) => _days = on ? _days | WorkingHours.Of(day) : _days & ~WorkingHours.Of(day);

    private Task<IEnumerable<string>> SearchZones(string? term, CancellationToken ct) =>
        Task.FromResult(string.IsNullOrWhiteSpace(term) ? Zones.AsEnumerable()
            : Zones.Where(z => z.Contains(term.Trim().Replace(' ', '_'), StringComparison.OrdinalIgnoreCase)));

    private async Task SaveAsync()
    {
        var (from, to) = (Times.TryParseTimeInput(_from), Times.TryParseTimeInput(_to));
        if (from is not { } start || to is not { } end)
        {
            (_zoneError, _hoursError) = (Profiles.KnownZone(_zone) is null ? Profiles.UnknownZone : null, "Enter both times, such as 09:00 and 17:00.");
            return;
        }
        // Every setting or none: the server checks them all again and saves them in one statement.
        var problems = await Profiles.SaveAsync(Me.Id, new ProfileSettings(_zone, _email, _days, start, end));
        (_zoneError, _hoursError) = (problems?.Zone, problems?.Hours);
        if (problems is not null) return;
        Snackbar.Add("Saved.", Severity.Success);
        // Every time on every page follows the new zone, from the first byte: load the app again.
        Navigation.NavigateTo("profile", forceLoad: true);
    }
}
