using MeetingsApp.Accounts;
using MeetingsApp.Shared;
using Microsoft.AspNetCore.Components;

namespace MeetingsApp.Notifications;

/// <summary>The signed-in person's notifications, newest first, refreshed live.</summary>
public sealed partial class NotificationsPage
{
    private readonly LatestRead _reads = new();
    private IReadOnlyList<Notification>? _notifications;

    [CascadingParameter] private SignedInUser Me { get; set; } = null!;

    [CascadingParameter] private TimeZoneInfo TimeZone { get; set; } = TimeZoneInfo.Utc;

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        var read = _reads.Start();
        var notifications = await Inbox.LatestAsync(Me.Id);
        if (_reads.IsLatest(read)) _notifications = notifications;
    }

    private async Task MarkAllReadAsync()
    {
        await Inbox.MarkAllReadAsync(Me.Id);
        await LoadAsync();
    }

    private string Describe(Notification n) => n.Kind switch
    {
        NotificationKind.Invited => $"{n.ActorName} invited you to “{n.MeetingTitle}”",
        NotificationKind.Accepted => $"{n.ActorName} accepted “{n.MeetingTitle}”{Quoted(n.Detail)}",
        NotificationKind.Tentative => $"{n.ActorName} said maybe to “{n.MeetingTitle}”{Quoted(n.Detail)}",
        NotificationKind.Declined => $"{n.ActorName} declined “{n.MeetingTitle}”{Quoted(n.Detail)}",
        NotificationKind.Rescheduled => $"{n.ActorName} moved “{n.MeetingTitle}” to {n.Start?.Show(TimeZone)}"
            + (n.Duration is { } length ? $", now {length.Show()}" : "") + "; please answer again",
        NotificationKind.DetailsChanged => $"{n.ActorName} changed “{n.MeetingTitle}”: {n.Detail}",
        NotificationKind.Removed => $"{n.ActorName} removed you from “{n.MeetingTitle}”",
        NotificationKind.TimeProposed => $"{n.ActorName} proposed {Proposed(n)} for “{n.MeetingTitle}”{Quoted(n.Detail)}",
        NotificationKind.ProposalAccepted => $"{n.ActorName} accepted your proposal: “{n.MeetingTitle}” is now at {n.Start?.Show(TimeZone)}"
            + (n.Duration is { } newLength ? $", {newLength.Show()}" : "") + ", and you are down as accepted",
        NotificationKind.ProposalDismissed => $"{n.ActorName} dismissed your proposal of {Proposed(n)} for “{n.MeetingTitle}”"
            + (n.Reason is null ? "" : $": {n.Reason}"),
        _ => $"{n.ActorName} cancelled “{n.MeetingTitle}”{(n.Reason is null ? "" : $": {n.Reason}")}",
    };

    private static string Quoted(string? note) => note is null ? "" : $": “{note}”";

    private string Proposed(Notification n) => $"{n.Start?.Show(TimeZone)} ({n.Duration?.Show()})";
}
