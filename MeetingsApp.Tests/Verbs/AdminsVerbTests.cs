using MeetingsApp.Accounts;
using MeetingsApp.Demo;
using MeetingsApp.EventStore;
using MeetingsApp.Verbs;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingsApp.Tests.Verbs;

/// <summary><c>admins</c>: the only way to an admin outside the demo data, and a change of role ends the person's sessions.</summary>
public class AdminsVerbTests : DatabaseTest
{
    protected override async ValueTask SetUpAsync() => await Services.Provider.SeedDemoDataAsync();

    private async Task<(bool Admin, string? Stamp)> StateAsync(string email)
    {
        await using var scope = Services.Provider.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        return (await users.IsInRoleAsync(user, Roles.Admin), user.SecurityStamp);
    }

    [Fact]
    public async Task Granting_AndRevoking_ChangeTheRole_AndEndTheSessions()
    {
        var bob = await StateAsync("bob@example.com");

        Assert.Equal("bob@example.com is an admin now; their open sessions end, and they sign in again.",
            await AdminsVerb.GrantAsync(Services.Provider, "bob@example.com"));
        var granted = await StateAsync("bob@example.com");
        Assert.True(granted.Admin);
        Assert.NotEqual(bob.Stamp, granted.Stamp);
        Assert.Equal("alice@example.com (Alice Anderson)\nbob@example.com (Bob Brown)".ReplaceLineEndings(), await AdminsVerb.ListAsync(Services.Provider));
        Assert.Equal("bob@example.com is an admin already.", await AdminsVerb.GrantAsync(Services.Provider, "bob@example.com"));

        var alice = await StateAsync("alice@example.com");
        Assert.Equal("alice@example.com is no longer an admin; their open sessions end, and they sign in again.",
            await AdminsVerb.RevokeAsync(Services.Provider, "alice@example.com"));
        var revoked = await StateAsync("alice@example.com");
        Assert.False(revoked.Admin);
        Assert.NotEqual(alice.Stamp, revoked.Stamp);
        Assert.Equal("bob@example.com (Bob Brown)", await AdminsVerb.ListAsync(Services.Provider));
    }

    [Fact]
    public async Task AnUnknownAddress_AndAnUnconfirmedAccount_AreRefusedClearly()
    {
        var unknown = await Assert.ThrowsAnyAsync<Exception>(() => AdminsVerb.GrantAsync(Services.Provider, "nobody@example.org"));
        Assert.Equal("No account uses nobody@example.org.", unknown.Message);

        // Anyone can register an address they do not own; until it is confirmed, it is nobody's account to make admin.
        await Services.Provider.CreateUserAsync("Not Yet", "not.yet@example.org");
        var unconfirmed = await Assert.ThrowsAnyAsync<Exception>(() => AdminsVerb.GrantAsync(Services.Provider, "not.yet@example.org"));
        Assert.StartsWith("not.yet@example.org has not confirmed its address yet", unconfirmed.Message);
        Assert.False((await StateAsync("not.yet@example.org")).Admin);
    }
}

/// <summary>The same on PostgreSQL.</summary>
public sealed class AdminsVerbPostgresTests : AdminsVerbTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
