using System.Security.Claims;

namespace MeetingsApp.Accounts;

/// <summary>
/// The person a page acts for. The layout (<c>MainLayout</c>) cascades it to every component from the authentication
/// state, so no page reads that state itself; when a session ends, the layout drops the page (and this value) at once.
/// Commands take <see cref="Principal"/>, never the id alone: the handler decides who acts.
/// </summary>
public sealed record SignedInUser(Guid Id, ClaimsPrincipal Principal)
{
    /// <summary>The user behind <paramref name="principal"/>, or null for someone not signed in.</summary>
    public static SignedInUser? Of(ClaimsPrincipal principal) => principal.UserId() is { } id ? new SignedInUser(id, principal) : null;
}
