using FluentValidation;
using MeetingsApp.Accounts;
using MeetingsApp.Shared;
using MeetingsApp.Data;
using MeetingsApp.EventStore.Subscriptions;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MeetingsApp.Meetings.Pages;

/// <summary>The scheduling form: validated as you type by the very validator the server runs on submit.</summary>
public sealed partial class ScheduleMeetingPage
{
    private readonly ScheduleInput _input = new();
    private MudForm _form = null!;
    private string? _inviteeError;
    private bool _busy;

    // One id for this form: a double click or a retry schedules the meeting once.
    private readonly Guid _meetingId = Guid.NewGuid();
    private readonly Guid _commandId = Guid.NewGuid();

    [Inject] private IValidator<ScheduleMeeting> Validator { get; set; } = null!;
    [Inject] private NavigationManager Navigation { get; set; } = null!;
    [Inject] private TimeProvider Clock { get; set; } = null!;
    [Inject] private SubscriptionHost<AppDbContext> Projections { get; set; } = null!;

    /// <summary>A start chosen elsewhere (a free slot in the calendar), as the person's wall-clock time: yyyy-MM-ddTHH:mm.</summary>
    [SupplyParameterFromQuery(Name = "start")] public string? StartParameter { get; set; }

    private TimeZoneInfo? _defaultedIn;

    // The suggestion last picked: while the field shows it, it means that instant, even in the hour the clocks repeat.
    private DateTimeOffset? _picked;

    /// <summary>The organiser and the chosen invitees: the people whose calendars the time must suit.</summary>
    private Guid[] People => [Me.Id, .. _input.Invitees.Select(i => i.Id)];

    private DateTimeOffset? StartInstant => Times.FromLocalInput(_input.Start, TimeZone, _picked);

    private TimeSpan Duration => TimeSpan.FromMinutes(_input.DurationMinutes);

    protected override void OnParametersSet()
    {
        // The slot picked in the calendar, or tomorrow at the next full hour, in the person's zone.
        if (_defaultedIn == TimeZone || (_defaultedIn is not null && _input.Start != DefaultStart(_defaultedIn))) return;
        _input.Start = DefaultStart(TimeZone);
        _defaultedIn = TimeZone;
    }

    private string DefaultStart(TimeZoneInfo zone)
    {
        if (Times.TryParseLocalInput(StartParameter) is { } chosen) return chosen.ToLocalInput();
        var local = Clock.GetUtcNow().UtcDateTime.AddDays(1).ToZone(zone);
        return new DateTime(local.Year, local.Month, local.Day, local.Hour, 0, 0).AddHours(1).ToLocalInput();
    }

    private ScheduleMeeting ToCommand() => new(_meetingId, _input.Title ?? "", _input.Description,
        StartInstant ?? DateTimeOffset.MinValue, Duration, [.. _input.Invitees.Select(i => i.Id)], _input.Location);

    private async Task PickAsync(DateTimeOffset start)
    {
        (_picked, _input.Start) = (start, start.ToLocalInput(TimeZone));
        await _form.ValidateAsync();
    }

    /// <summary>The form's fields, named as the command's properties they become.</summary>
    private static string CommandProperty(string field) => field switch
    {
        nameof(ScheduleInput.DurationMinutes) => nameof(ScheduleMeeting.Duration),
        nameof(ScheduleInput.Invitees) => nameof(ScheduleMeeting.InviteeIds),
        _ => field,
    };

    private async Task<IEnumerable<string>> ValidateFieldAsync(object model, string field)
    {
        var property = CommandProperty(field);
        var result = await Validator.ValidateAsync(ValidationContext<ScheduleMeeting>.CreateWithOptions(ToCommand(), o => o.IncludeProperties(property)));
        return result.Errors.Select(e => e.ErrorMessage);
    }

    private async Task ValidateInviteesAsync() =>
        _inviteeError = (await ValidateFieldAsync(_input, nameof(ScheduleInput.Invitees))).FirstOrDefault();

    private async Task SubmitAsync()
    {
        if (_busy) return;
        _busy = true;
        try
        {
            await _form.ValidateAsync();
            await ValidateInviteesAsync();
            if (!_form.IsValid || _inviteeError is not null) return;
            var result = await RunCommandAsync(ToCommand(), done: null, StartInstant!.Value, _commandId);
            if (result.Error is { } error)
            {
                // The server has the last word: its reason is shown as a message, and beside the field it concerns.
                if (error.Fields.TryGetValue(nameof(ScheduleMeeting.InviteeIds), out var invitees)) _inviteeError = invitees[0];
                return;
            }
            // Read your own write: the meeting page reads the read model, which follows the log a moment later.
            try
            {
                await Projections.WaitForAsync(result.Appended!.LastPosition, TimeSpan.FromSeconds(5), subscriber: MeetingProjection.SubscriberName);
            }
            catch (TimeoutException)
            {
                // Slow projection: the meeting page shows up-to-date data as soon as it catches up (live updates).
            }
            Navigation.NavigateTo($"meetings/{_meetingId}");
        }
        finally
        {
            _busy = false;
        }
    }

    private sealed class ScheduleInput
    {
        public string? Title { get; set; }
        public string? Description { get; set; }
        public string? Location { get; set; }
        public string? Start { get; set; }
        public int DurationMinutes { get; set; } = 60;
        public List<UserSummary> Invitees { get; } = [];
    }
}
