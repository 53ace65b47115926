using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace MeetingsApp.Accounts;

/// <summary>Whether this circuit's session was ended while it was open, for the layout to say so.</summary>
public sealed class SessionStatus
{
    public bool Ended { get; private set; }

    public event Action? Changed;

    internal void End()
    {
        Ended = true;
        Changed?.Invoke();
    }
}

/// <summary>
/// The circuit's user until their session ends. When <see cref="OpenSessions"/> ends it (sign-out or password change,
/// anywhere), the circuit's principal becomes anonymous: pages lose their [Authorize], and every command handler,
/// which takes its actor from this principal, refuses what the tab still sends.
/// </summary>
internal sealed class SessionAuthenticationStateProvider : ServerAuthenticationStateProvider, IDisposable
{
    private static readonly AuthenticationState Anonymous = new(new ClaimsPrincipal(new ClaimsIdentity()));
    private readonly OpenSessions _sessions;
    private readonly SessionStatus _status;
    private readonly string _stampClaim;
    private IDisposable? _tracking;
    private bool _inCircuit;

    public SessionAuthenticationStateProvider(OpenSessions sessions, SessionStatus status, IOptions<IdentityOptions> options)
    {
        (_sessions, _status, _stampClaim) = (sessions, status, options.Value.ClaimsIdentity.SecurityStampClaimType);
        AuthenticationStateChanged += OnChanged;
    }

    /// <summary>
    /// Called once the circuit is open. A statically rendered request (sign-in, password change) is never tracked: it
    /// ends with its response, and ending it mid-render would blank the very page that changed the password.
    /// </summary>
    public Task CircuitOpenedAsync()
    {
        _inCircuit = true;
        return TrackAsync(GetAuthenticationStateAsync());
    }

    private void OnChanged(Task<AuthenticationState> state)
    {
        if (_inCircuit) _ = TrackAsync(state);
    }

    private async Task TrackAsync(Task<AuthenticationState> state)
    {
        ClaimsPrincipal user;
        try
        {
            user = (await state).User;
        }
        catch (Exception)
        {
            // The host could not tell who this is: nothing to track (the page sees the same failure itself).
            return;
        }
        var tracking = user.UserId() is { } userId ? _sessions.Track(userId, user.FindFirstValue(_stampClaim), End) : null;
        Interlocked.Exchange(ref _tracking, tracking)?.Dispose();
    }

    private void End()
    {
        _status.End();
        SetAuthenticationState(Task.FromResult(Anonymous));
    }

    /// <summary>Tells the provider when its circuit opens (circuit handlers exist only in a circuit's scope).</summary>
    internal sealed class CircuitTracker(AuthenticationStateProvider provider) : CircuitHandler
    {
        public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken) =>
            provider is SessionAuthenticationStateProvider sessions ? sessions.CircuitOpenedAsync() : Task.CompletedTask;
    }

    public void Dispose()
    {
        AuthenticationStateChanged -= OnChanged;
        Interlocked.Exchange(ref _tracking, null)?.Dispose();
    }
}
