using System.Security.Claims;

namespace MeetingsApp.Accounts;

/// <summary>
/// The person a page acts for. The layout (<c>MainLayout</c>) cascades it to every component from the authentication
/// state, so no page reads that state itself; when a session ends, the layout drops the page (and this value) at once.
/// Commands are not sent as this id: the handler takes its actor from the circuit's principal at the time of sending
/// (<c>CommandPage</c>), which an ended session has made anonymous.
/// </summary>
public sealed record SignedInUser(Guid Id)
{
    /// <summary>The user behind <paramref name="principal"/>, or null for someone not signed in.</summary>
    public static SignedInUser? Of(ClaimsPrincipal principal) => principal.UserId() is { } id ? new SignedInUser(id) : null;
}
