using MeetingsApp.Accounts;
using MeetingsApp.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingsApp.Tests.Accounts;

/// <summary>Every address people really have registers: the account's user name is its address, whatever it holds.</summary>
public sealed class RegistrationAddressesTests : DatabaseTest
{
    // The key ring exists before anyone can post the form: rendering it made its antiforgery token. Made here, not inside
    // the registration's transaction (which, on SQLite, holds the one write lock the new key would need).
    protected override ValueTask SetUpAsync()
    {
        Services.Get<IDataProtectionProvider>().CreateProtector("test").Protect("warm-up");
        return ValueTask.CompletedTask;
    }

    [Theory]
    [InlineData("o'brien@example.com")]
    [InlineData("jörg.müller@example.de")]
    [InlineData("anna+meetings@example.com")]
    public async Task AnAddressWithAnApostropheOrAccents_Registers_AndWaitsForItsLink(string email)
    {
        await using (var scope = Services.Provider.CreateAsyncScope())
            Assert.Empty(await scope.ServiceProvider.GetRequiredService<Registration>().RegisterAsync("Some One", email, "a long enough password", null));

        await using var db = await Services.Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var account = await db.Users.SingleAsync();
        Assert.Equal((email, email, false), (account.UserName, account.Email, account.EmailConfirmed));
    }
}
