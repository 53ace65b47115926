using MeetingsApp.Accounts;
using MeetingsApp.EventStore;
using MeetingsApp.EventStore.Subscriptions;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MeetingsApp.Admin;

/// <summary>
/// Admin > Projections' list of parked streams and the operator's decisions about them (<see cref="ParkingDecisions"/>):
/// each is recorded as an event, with who decided, when and why; the subscriber acts on it as it reaches it in the log.
/// </summary>
public sealed partial class ParkedStreamsPanel
{
    public enum Release { Retry, Skip, Quietly }

    private readonly Dictionary<string, string> _reasons = [];

    [Parameter, EditorRequired] public IReadOnlyList<ParkedStreamView> Parked { get; set; } = [];

    [Parameter, EditorRequired] public IReadOnlyList<SubscriptionStatus> Subscribers { get; set; } = [];

    [Parameter] public EventCallback Decided { get; set; }

    [CascadingParameter] private TimeZoneInfo TimeZone { get; set; } = TimeZoneInfo.Utc;

    [CascadingParameter] private SignedInUser Me { get; set; } = null!;

    [Inject] private ParkingDecisions Decisions { get; set; } = null!;

    [Inject] private ISnackbar Snackbar { get; set; } = null!;

    private static string Key(ParkedStreamView p) => $"{p.Subscriber}/{p.StreamId}/{p.Position}";

    private bool IsReactor(ParkedStreamView p) => Subscribers.Any(s => s.Name == p.Subscriber && s.Kind == SubscriberKind.Reactor);

    private async Task DecideAsync(ParkedStreamView parked, Release release)
    {
        var reason = _reasons.GetValueOrDefault(Key(parked))?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            Snackbar.Add("Say why first: the decision is kept in the log.", Severity.Warning);
            return;
        }
        IParkingDecision decision = release switch
        {
            Release.Retry => new ParkedStreamRetried(parked.Subscriber, parked.StreamId, parked.Position, reason),
            Release.Skip => new ParkedEventSkipped(parked.Subscriber, parked.StreamId, parked.Position, reason),
            _ => new ParkedStreamReleasedQuietly(parked.Subscriber, parked.StreamId, parked.Position, reason),
        };
        await Decisions.RecordAsync(decision, EventMetadata.ForCommand(Me.Id, Guid.NewGuid(), "admin"));
        _reasons.Remove(Key(parked));
        Snackbar.Add($"{parked.Subscriber}: {release} of #{parked.Position} recorded; it takes effect as the subscriber reaches it.", Severity.Success);
        await Decided.InvokeAsync();
    }
}
