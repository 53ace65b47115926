using MeetingsApp.Accounts;
using MeetingsApp.Data;
using Microsoft.AspNetCore.Identity;

namespace MeetingsApp.Verbs;

/// <summary>
/// <c>admins list</c>, <c>admins grant EMAIL</c>, <c>admins revoke EMAIL</c>: who may use the admin pages, for the operator
/// of the configured database (further arguments configure it, as for the app). Outside the demo data nothing else makes
/// an admin, so a deployment gets its first one here. A change of role gives the person a new security stamp: their open
/// sessions end (on every instance, within <c>Accounts:Sessions:CheckInterval</c>), and they sign in again with the role
/// as it is now, so a revoked admin keeps no admin page open.
/// </summary>
public static class AdminsVerb
{
    public static async Task<int> RunAsync(string[] args)
    {
        var (command, email, rest) = args switch
        {
            ["list", .. var more] => ("list", null, more),
            [("grant" or "revoke") and var verb, var address, .. var more] when !address.StartsWith('-') => (verb, address, more),
            _ => (null, null, args),
        };
        if (command is null)
        {
            Console.Error.WriteLine("Usage: admins list | admins grant EMAIL | admins revoke EMAIL");
            return 2;
        }
        await using var app = AppHost.Build(rest);
        await app.Services.MigrateDatabaseAsync();
        try
        {
            Console.WriteLine(command switch
            {
                "list" => await ListAsync(app.Services),
                "grant" => await GrantAsync(app.Services, email!),
                _ => await RevokeAsync(app.Services, email!),
            });
            return 0;
        }
        catch (AdminsException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 1;
        }
    }

    public static async Task<string> ListAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var admins = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().GetUsersInRoleAsync(Roles.Admin);
        return admins.Count == 0 ? "Nobody is an admin." : string.Join(Environment.NewLine, admins.OrderBy(a => a.Email).Select(a => $"{a.Email} ({a.DisplayName})"));
    }

    public static Task<string> GrantAsync(IServiceProvider services, string email) => ChangeAsync(services, email, grant: true);

    public static Task<string> RevokeAsync(IServiceProvider services, string email) => ChangeAsync(services, email, grant: false);

    private static async Task<string> ChangeAsync(IServiceProvider services, string email, bool grant)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(email.Trim()) ?? throw new AdminsException($"No account uses {email.Trim()}.");
        // An address nobody has confirmed may be a stranger's registration (see Registration): no admin role for it.
        if (grant && !user.EmailConfirmed && !user.RegisteredBeforeConfirmation)
            throw new AdminsException($"{user.Email} has not confirmed its address yet: it may not be its owner's account. Ask them to confirm it first.");
        if (await users.IsInRoleAsync(user, Roles.Admin) == grant)
            return grant ? $"{user.Email} is an admin already." : $"{user.Email} is not an admin.";

        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
        if (grant && !await roles.RoleExistsAsync(Roles.Admin)) Check(await roles.CreateAsync(new IdentityRole<Guid>(Roles.Admin)));
        Check(grant ? await users.AddToRoleAsync(user, Roles.Admin) : await users.RemoveFromRoleAsync(user, Roles.Admin));
        Check(await users.UpdateSecurityStampAsync(user));
        scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AdminsVerb))
            .LogWarning("Admin role {Change} {UserId} from the command line", grant ? "granted to" : "revoked from", user.Id);
        return $"{user.Email} {(grant ? "is an admin now" : "is no longer an admin")}; their open sessions end, and they sign in again.";
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new AdminsException(string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    private sealed class AdminsException(string message) : Exception(message);
}
