using MeetingsApp.Accounts;
using MeetingsApp.Data;
using MeetingsApp.EventStore;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingsApp.Tests.Data;

/// <summary>
/// An existing database meets the migration that made sign-in wait for a confirmed address: the accounts it holds
/// unconfirmed were never sent a link, so they keep signing in; accounts registered after it wait for their link.
/// </summary>
public class AccountsBeforeConfirmationTests : DatabaseTest
{
    private const string Password = "a long enough password";
    private const string MigrationBefore = "EmailOutbox";

    private async Task<AppUser> CreateAsync(string email, bool confirmed)
    {
        await using var scope = Services.Provider.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = confirmed, DisplayName = email };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        return user;
    }

    private async Task<SignInResult> SignInAsync(string email)
    {
        await using var scope = Services.Provider.CreateAsyncScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<AppUser>>();
        return await signIn.CheckPasswordSignInAsync((await signIn.UserManager.FindByEmailAsync(email))!, Password, lockoutOnFailure: false);
    }

    [Fact]
    public async Task UnconfirmedAccountsOfBefore_KeepSigningIn_AndNewOnesWaitForTheirLink()
    {
        await using (var db = await Services.Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
        {
            var migrations = db.Database.GetMigrations().ToList();
            await db.GetService<IMigrator>().MigrateAsync(migrations.Last(m => m.EndsWith($"_{MigrationBefore}", StringComparison.Ordinal)));
        }
        // Rows as the app wrote them before the migration: no column for the flag yet.
        await using (var connection = OpenConnection())
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO "AspNetUsers" ("Id", "UserName", "NormalizedUserName", "Email", "NormalizedEmail", "EmailConfirmed", "PasswordHash",
                  "SecurityStamp", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount", "DisplayName", "EmailNotifications")
                VALUES (@id, @email, @normalized, @email, @normalized, @confirmed, @hash, 'stamp', FALSE, FALSE, TRUE, 0, 'Old Timer', TRUE)
                """;
            foreach (var (email, confirmed) in new[] { ("old.unconfirmed@example.org", false), ("old.confirmed@example.org", true) })
            {
                command.Parameters.Clear();
                command.Add("@id", Provider == DatabaseProvider.Sqlite ? Guid.NewGuid().ToString().ToUpperInvariant() : Guid.NewGuid())
                    .Add("@email", email).Add("@normalized", email.ToUpperInvariant()).Add("@confirmed", confirmed)
                    .Add("@hash", new PasswordHasher<AppUser>().HashPassword(new AppUser(), Password));
                await command.ExecuteNonQueryAsync();
            }
        }

        await Services.Provider.MigrateDatabaseAsync();
        await CreateAsync("new.unconfirmed@example.org", confirmed: false);

        Assert.True((await SignInAsync("old.unconfirmed@example.org")).Succeeded);
        Assert.True((await SignInAsync("old.confirmed@example.org")).Succeeded);
        Assert.True((await SignInAsync("new.unconfirmed@example.org")).IsNotAllowed);
        // Registering the address of an account from before is no way to set its password (as it is for one waiting for its link).
        await using (var scope = Services.Provider.CreateAsyncScope())
            Assert.Empty(await scope.ServiceProvider.GetRequiredService<Registration>().RegisterAsync("A Stranger", "old.unconfirmed@example.org", "the stranger's own password", null));
        Assert.True((await SignInAsync("old.unconfirmed@example.org")).Succeeded);
        await using var check = await Services.Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        // Signing in is kept; being confirmed is not claimed: meeting mail waits until they confirm.
        Assert.Equal([("old.confirmed@example.org", true, false), ("old.unconfirmed@example.org", false, true)],
            await check.Users.Where(u => u.Email!.StartsWith("old.")).OrderBy(u => u.Email)
                .Select(u => new ValueTuple<string, bool, bool>(u.Email!, u.EmailConfirmed, u.RegisteredBeforeConfirmation)).ToListAsync());
    }
}

/// <summary>The same on PostgreSQL.</summary>
public sealed class AccountsBeforeConfirmationPostgresTests : AccountsBeforeConfirmationTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
