using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using MeetingsApp.Accounts;
using MeetingsApp.Verbs;

namespace MeetingsApp.Tests.Data;

/// <summary>The demo users have a published password: the shipped configuration creates them only in Development.</summary>
public sealed class DemoSeedingTests
{
    [Theory]
    [InlineData("Production", null, false)]
    [InlineData("Staging", null, false)]
    [InlineData("Development", null, true)]
    [InlineData("Development", "false", false)]
    [InlineData("Production", "true", true)]
    public async Task TheDemoUsersExist_OnlyInDevelopmentOrWhenAnOperatorAsks(string environment, string? seed, bool expected)
    {
        var folder = Directory.CreateTempSubdirectory("meetings-seed-");
        var connectionString = $"Data Source={Path.Combine(folder.FullName, "app.db")}";
        try
        {
            await using (var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
            {
                web.UseEnvironment(environment);
                web.UseSetting("ConnectionStrings:Meetings", connectionString);
                if (seed is not null) web.UseSetting("Demo:Seed", seed);
            }))
            {
                using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
                var signIn = await client.SignInAsync("alice@example.com", MeetingsApp.Demo.DemoData.Password);
                await using var scope = factory.Services.CreateAsyncScope();
                var alice = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync("alice@example.com");

                Assert.Equal(expected, alice is not null);
                // A redirect away from the form is a successful sign-in; a failed one renders the form again.
                Assert.Equal(expected, signIn.StatusCode == HttpStatusCode.Redirect);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }
}
