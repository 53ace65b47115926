using MeetingsApp.Accounts;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace MeetingsApp.Meetings.Pages;

/// <summary>One meeting, for its participants only; the actions shown are those the signed-in person may take.</summary>
public sealed partial class MeetingPage
{
    private MeetingDetails? _meeting;
    private IReadOnlyDictionary<Guid, UserSummary> _names = new Dictionary<Guid, UserSummary>();
    private bool _busy;

    [Parameter] public Guid MeetingId { get; set; }

    [Inject] private MeetingQueries Queries { get; set; } = null!;
    [Inject] private UserDirectory Users { get; set; } = null!;
    [Inject] private MeetingCommandHandler Commands { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;
    [Inject] private NavigationManager Navigation { get; set; } = null!;
    [Inject] private TimeProvider Clock { get; set; } = null!;

    [CascadingParameter] private Task<AuthenticationState> Auth { get; set; } = null!;

    [CascadingParameter] private TimeZoneInfo TimeZone { get; set; } = TimeZoneInfo.Utc;

    private bool IsScheduled => _meeting?.Meeting.Status == MeetingStatus.Scheduled;
    private bool CanAnswer => IsScheduled && _meeting!.Me.IsOrganizer == false;
    private bool CanManage => IsScheduled && _meeting!.Me.IsOrganizer;
    private bool HasStarted => _meeting is not null && Clock.GetUtcNow().UtcDateTime >= _meeting.Meeting.Start;

    protected override Task OnParametersSetAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        var userId = (await Auth).User.UserId();
        var meeting = userId is null ? null : await Queries.GetAsync(MeetingId, userId.Value);
        if (meeting is null)
        {
            // Not a participant, or no such meeting: the same answer, so a meeting's existence does not leak.
            Navigation.NotFound();
            return;
        }
        _names = await Users.GetAsync(meeting.Participants.Select(p => p.UserId));
        _meeting = meeting;
    }

    private string NameOf(Guid userId) => _names.TryGetValue(userId, out var user) ? user.DisplayName : "Unknown";

    private Task AcceptAsync() => RunAsync(new AcceptInvitation(MeetingId), "You accepted.");

    private Task DeclineAsync() => RunAsync(new DeclineInvitation(MeetingId), "You declined.");

    private Task FinishAsync() => RunAsync(new FinishMeeting(MeetingId), "The meeting is finished.");

    private async Task RescheduleAsync()
    {
        var dialog = await Dialogs.ShowAsync<RescheduleDialog>("Reschedule", new DialogParameters<RescheduleDialog>
        {
            { d => d.MeetingId, MeetingId }, { d => d.CurrentStart, _meeting!.Meeting.Start }, { d => d.TimeZone, TimeZone },
        });
        if (await dialog.Result is { Canceled: false, Data: DateTimeOffset newStart })
            await RunAsync(new RescheduleMeeting(MeetingId, newStart), "The meeting was moved.");
    }

    private async Task CancelAsync()
    {
        var dialog = await Dialogs.ShowAsync<CancelMeetingDialog>("Cancel meeting");
        if (await dialog.Result is { Canceled: false } result)
            await RunAsync(new CancelMeeting(MeetingId, result.Data as string), "The meeting is cancelled.");
    }

    private async Task RunAsync<TCommand>(TCommand command, string done) where TCommand : IMeetingCommand<TCommand>
    {
        _busy = true;
        try
        {
            var result = await Commands.HandleAsync(command, (await Auth).User, Guid.NewGuid());
            if (result.Error is { } error) Snackbar.Add(error.Message, Severity.Error);
            else Snackbar.Add(done, Severity.Success);
        }
        finally
        {
            _busy = false;
        }
    }
}
