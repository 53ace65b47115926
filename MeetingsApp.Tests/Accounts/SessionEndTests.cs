using System.Net;
using MeetingsApp.Accounts;
using MeetingsApp.Live;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using MeetingsApp.Tests.EndToEnd;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace MeetingsApp.Tests.Accounts;

/// <summary>Sign-out and a password change end every session of that user at once; a lockout ends none.</summary>
public sealed class SessionEndTests(AppServer app) : IClassFixture<AppServer>
{
    private const string NewPassword = "a much longer passphrase";

    private HttpClient WithCookieHeader(string cookieHeader)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = app.BaseAddress };
        client.DefaultRequestHeaders.Add("Cookie", cookieHeader);
        return client;
    }

    private static bool IsSignInRedirect(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/Account/Login");

    [Fact]
    public async Task ACookieCopiedBeforeSignOut_IsRefusedAfterIt()
    {
        var (client, cookies) = await app.SignedInClientAsync("carol");
        var copied = cookies.GetCookieHeader(app.BaseAddress);
        using var thief = WithCookieHeader(copied);
        Assert.Equal(HttpStatusCode.OK, (await thief.GetAsync("/meetings")).StatusCode);

        var signOut = await client.SignOutAsync();

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.True(IsSignInRedirect(await thief.GetAsync("/meetings")));
        Assert.True(IsSignInRedirect(await client.GetAsync("/meetings")));
    }

    [Fact]
    public async Task SignOut_ClosesThatUsersHubConnections_AndNoOneElses()
    {
        var (dave, daveCookies) = await app.SignedInClientAsync("dave");
        var (_, erinCookies) = await app.SignedInClientAsync("erin");
        await using var daveHub = await ConnectAsync(daveCookies);
        await using var erinHub = await ConnectAsync(erinCookies);
        var daveClosed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        daveHub.Closed += _ => { daveClosed.TrySetResult(); return Task.CompletedTask; };

        await dave.SignOutAsync();

        await daveClosed.Task.WaitAsync(TimeSpan.FromSeconds(5));
        await Task.Delay(300);
        Assert.Equal(HubConnectionState.Connected, erinHub.State);
    }

    /// <summary>
    /// A stamp changed behind this instance's back (as a sign-out at another instance of the same database would):
    /// the instance's session watcher finds it within its check interval and closes the connection.
    /// </summary>
    [Fact]
    public async Task AStampChangedElsewhere_ClosesTheHubConnection_WithinTheCheckInterval()
    {
        var email = $"kit.{Guid.NewGuid():N}@example.org";
        var cookies = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = app.BaseAddress };
        await app.RegisterConfirmedAsync(client, "Kit Kane", email, "the long password of kit");
        await using var hub = await ConnectAsync(cookies);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            await users.UpdateSecurityStampAsync((await users.FindByEmailAsync(email))!);
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        TestContext.Current.TestOutputHelper?.WriteLine($"closed {watch.ElapsedMilliseconds} ms after the stamp changed");
        Assert.True(IsSignInRedirect(await client.GetAsync("/meetings")));
    }

    [Fact]
    public async Task ALogoutWithoutTheFormsToken_Is400_AndSignsNobodyOut()
    {
        var (bob, _) = await app.SignedInClientAsync("bob");

        var forged = await bob.PostAsync("/Account/Logout", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("sign out again", await forged.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await bob.GetAsync("/meetings")).StatusCode);
    }

    [Fact]
    public async Task APasswordChange_EndsTheOtherSessions_AndKeepsThisOne()
    {
        var email = $"pat.{Guid.NewGuid():N}@example.org";
        using var here = app.CreateBrowserlessClient();
        await app.RegisterConfirmedAsync(here, "Pat Parker", email, "the first long password");
        using var elsewhere = app.CreateBrowserlessClient();
        Assert.Equal(HttpStatusCode.Redirect, (await app.SignInAsync(elsewhere, email, "the first long password")).StatusCode);

        var tooShort = await here.ChangePasswordAsync("the first long password", "short pass");
        Assert.Contains("at least 12 characters", await tooShort.Content.ReadAsStringAsync());
        var changed = await here.ChangePasswordAsync("the first long password", NewPassword);

        Assert.Contains("Your password was changed", await changed.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/meetings")).StatusCode);
        Assert.True(IsSignInRedirect(await elsewhere.GetAsync("/meetings")));
        using var again = app.CreateBrowserlessClient();
        Assert.Equal(HttpStatusCode.Redirect, (await app.SignInAsync(again, email, NewPassword)).StatusCode);
    }

    [Fact]
    public async Task ALockout_EndsNoSession()
    {
        var (victim, _) = await app.SignedInClientAsync("alice");
        using var attacker = app.CreateBrowserlessClient();
        for (var i = 0; i < 6; i++) await app.SignInAsync(attacker, "alice@example.com", "guessing wrong");

        Assert.Equal(HttpStatusCode.OK, (await victim.GetAsync("/meetings")).StatusCode);
    }

    private async Task<HubConnection> ConnectAsync(CookieContainer cookies)
    {
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(app.BaseAddress, MeetingsHub.Route), o => { o.Cookies = cookies; o.Transports = HttpTransportType.WebSockets; })
            .Build();
        await hub.StartAsync();
        return hub;
    }
}
