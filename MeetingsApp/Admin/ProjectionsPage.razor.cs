using MeetingsApp.Accounts;
using MeetingsApp.EventStore;
using MeetingsApp.EventStore.Subscriptions;
using MudBlazor;

namespace MeetingsApp.Admin;

/// <summary>Admin › Projections: each subscriber's checkpoint and lag, its parked streams with the operator's choices, and rebuilds with progress.</summary>
public sealed partial class ProjectionsPage
{
    private IReadOnlyList<SubscriptionStatus> _status = [];
    private IReadOnlyList<ParkedStreamView> _parked = [];
    private long _head;
    private readonly CancellationTokenSource _stop = new();

    protected override async Task OnInitializedAsync()
    {
        await RefreshAsync();
        _ = PollAsync();
    }

    private async Task PollAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                await RefreshAsync();
                await InvokeAsync(StateHasChanged);
            }
        }
        catch (OperationCanceledException)
        {
            // The page was closed.
        }
        catch (Exception ex)
        {
            await DispatchExceptionAsync(ex);
        }
    }

    private async Task RefreshAsync()
    {
        _head = await Store.ReadHeadAsync();
        _status = Host.Status;
        _parked = await ParkedStreams.ListAsync();
    }

    private async Task RebuildAsync(string name)
    {
        // The rebuild finishes even if this page closes meanwhile.
        var rebuild = Host.RebuildAsync(name, CancellationToken.None);
        await RefreshAsync();
        await rebuild;
        Snackbar.Add($"{name} rebuilt.", Severity.Success);
        await RefreshAsync();
    }

    // Cancel only: the poll loop may still be using the token as the page goes.
    public void Dispose() => _stop.Cancel();
}
