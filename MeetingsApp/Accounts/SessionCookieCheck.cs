using System.Security.Claims;
using MeetingsApp.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MeetingsApp.Accounts;

/// <summary>
/// Refuses a sign-in cookie whose security stamp is no longer its user's, on every request. Identity's own validator
/// does the same only every 30 minutes (at interval zero it would also rebuild and re-issue the cookie on every
/// request); this reads one column by primary key and re-issues nothing.
/// </summary>
internal static class SessionCookieCheck
{
    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var stampClaim = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        var principal = context.Principal ?? new ClaimsPrincipal();
        if (principal.UserId() is { } userId && principal.FindFirstValue(stampClaim) is { } stamp)
        {
            var contexts = services.GetRequiredService<IDbContextFactory<AppDbContext>>();
            await using var db = await contexts.CreateDbContextAsync(context.HttpContext.RequestAborted);
            var current = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.SecurityStamp)
                .FirstOrDefaultAsync(context.HttpContext.RequestAborted);
            if (current == stamp) return;
        }
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }
}
