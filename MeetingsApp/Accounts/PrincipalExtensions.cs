using System.Security.Claims;

namespace MeetingsApp.Accounts;

public static class PrincipalExtensions
{
    /// <summary>The signed-in user's id, or null for an anonymous or unrecognised principal.</summary>
    public static Guid? UserId(this ClaimsPrincipal principal) =>
        principal.Identity?.IsAuthenticated == true
        && Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public static string DisplayName(this ClaimsPrincipal principal) =>
        principal.FindFirstValue(AppClaimsFactory.DisplayNameClaim) ?? principal.Identity?.Name ?? "";
}
