using MeetingsApp.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace MeetingsApp.Live;

/// <summary>A meeting changed: ids and numbers only; the page re-reads what its user may see.</summary>
public sealed record MeetingChange(Guid MeetingId, int Version, long Position);

/// <summary>What the server can call on a connected client. Clients can call nothing: they only listen.</summary>
public interface IMeetingsClient
{
    Task MeetingChanged(MeetingChange change);

    Task NotificationsChanged(long position);
}

/// <summary>
/// Pushes changes to signed-in users. Every connection joins exactly one group, its own user's, chosen from the
/// authenticated principal; there is no method a client could call to join another.
/// </summary>
[Authorize]
public sealed class MeetingsHub : Hub<IMeetingsClient>
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
        await Groups.AddToGroupAsync(Context.ConnectionId, UserGroup(userId));
        await base.OnConnectedAsync();
    }
}
