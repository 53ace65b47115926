using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace MeetingsApp.Components;

/// <summary>
/// Cancels a navigation that a page starts after its tab has gone (say "Schedule", then the tab closed while the
/// command ran). Blazor would still try to tell the browser, fail on the closed connection, and log the failure as
/// "Unhandled exception in circuit". Cancelled here, it is an ordinary non-event.
/// </summary>
internal sealed class ClosedTabGuard(NavigationManager navigation, Microsoft.JSInterop.IJSRuntime js) : CircuitHandler, IDisposable
{
    private IDisposable? _registration;
    private volatile bool _gone;

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        _registration = navigation.RegisterLocationChangingHandler(StayIfGone);
        return Task.CompletedTask;
    }

    // Down covers a closed tab and a lost network alike: either way the browser cannot be told to navigate now.
    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken) => Set(gone: true);

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken) => Set(gone: false);

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken) => Set(gone: true);

    private Task Set(bool gone)
    {
        _gone = gone;
        return Task.CompletedTask;
    }

    private async ValueTask StayIfGone(LocationChangingContext context)
    {
        if (_gone)
        {
            context.PreventNavigation();
            return;
        }
        // A navigation the browser asked for has a browser to go to. One the server starts may race the tab closing: the
        // circuit marks its connection gone before the handlers above hear of it, so ask the browser once (a no-op call).
        if (context.IsNavigationIntercepted) return;
        try
        {
            await js.InvokeAsync<double>("Date.now", context.CancellationToken, []);
        }
        catch (Exception ex) when (ex is Microsoft.JSInterop.JSDisconnectedException or OperationCanceledException)
        {
            context.PreventNavigation();
        }
    }

    public void Dispose() => _registration?.Dispose();
}
