using System.Security.Claims;
using MeetingsApp.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace MeetingsApp.Live;

/// <summary>A meeting changed: ids and numbers only; the page re-reads what its user may see.</summary>
public sealed record MeetingChange(Guid MeetingId, int Version, long Position);

/// <summary>
/// What the server can call on a connected client. Clients can call nothing: they only listen. The method names are
/// written once, here: <see cref="LiveUpdates"/> hands them to <c>wwwroot/js/live.js</c>, which listens by them and
/// calls the component's methods of the same names.
/// </summary>
public interface IMeetingsClient
{
    Task MeetingChanged(MeetingChange change);

    Task NotificationsChanged(long position);
}

/// <summary>The names the browser's side of the hub uses, each from its one definition.</summary>
public static class LiveMethods
{
    public const string MeetingChanged = nameof(IMeetingsClient.MeetingChanged);
    public const string NotificationsChanged = nameof(IMeetingsClient.NotificationsChanged);

    /// <summary>Not a hub message: the connection (re)started, so whatever happened meanwhile is re-read.</summary>
    public const string CatchUp = nameof(CatchUp);

    /// <summary>What <c>live.js</c> is told when a page subscribes: where the hub is, and every name it needs.</summary>
    public static object Wiring { get; } = new { route = MeetingsHub.Route, meetingChanged = MeetingChanged, notificationsChanged = NotificationsChanged, catchUp = CatchUp };
}

/// <summary>
/// Pushes changes to signed-in users. Every connection joins exactly one group, its own user's, chosen from the
/// authenticated principal; there is no method a client could call to join another. A connection lives only as
/// long as its session: <see cref="OpenSessions"/> closes it when its user signs out or changes the password.
/// </summary>
[Authorize]
public sealed class MeetingsHub(OpenSessions sessions, IOptions<IdentityOptions> identity) : Hub<IMeetingsClient>
{
    public const string Route = "/hubs/meetings";

    public static string UserGroup(Guid userId) => $"user:{userId}";

    public override async Task OnConnectedAsync()
    {
        if (Context.User?.UserId() is not { } userId)
        {
            Context.Abort();
            return;
        }
        var connection = Context;
        var stamp = connection.User.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        connection.Items[SessionKey] = sessions.Track(userId, stamp, connection.Abort);
        await Groups.AddToGroupAsync(Context.ConnectionId, UserGroup(userId));
        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        if (Context.Items.TryGetValue(SessionKey, out var session)) (session as IDisposable)?.Dispose();
        return base.OnDisconnectedAsync(exception);
    }

    private static readonly object SessionKey = new();
}
