using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace MeetingsApp.Accounts;

public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // A form post that must carry the form's antiforgery token: the endpoint binds no form data, so the
        // antiforgery middleware would not check it on its own, and another site could sign anyone out.
        endpoints.MapPost("/Account/Logout", async (HttpContext http, [FromServices] IAntiforgery antiforgery,
            [FromServices] SignInManager<AppUser> signIn, [FromServices] OpenSessions sessions) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
                return Results.Text("This sign-out form has expired or did not come from MeetingsApp. Reload the page and sign out again.",
                    "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
            if (await signIn.UserManager.GetUserAsync(http.User) is { } user)
            {
                // A new stamp refuses every cookie issued before it, in this browser and in any other, at the next request;
                // the check then ends this user's open circuits and hub connections on this instance at once.
                await signIn.UserManager.UpdateSecurityStampAsync(user);
                await sessions.CheckAsync([user.Id]);
            }
            await signIn.SignOutAsync();
            return Results.LocalRedirect("~/Account/Login");
        });
        return endpoints;
    }
}
