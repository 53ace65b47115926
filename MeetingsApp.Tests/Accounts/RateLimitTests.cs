using System.Net;
using MeetingsApp.Tests.EndToEnd;

namespace MeetingsApp.Tests.Accounts;

/// <summary>Sign-in and registration posts are limited per client address, with a page that says what happened.</summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private readonly AppServer _app = new(new Dictionary<string, string?>
    {
        ["Accounts:RateLimits:SignInsPerMinute"] = "3",
        ["Accounts:RateLimits:RegistrationsPerHour"] = "2",
    });

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    /// <summary>A client behind the trusted (loopback) proxy, as X-Forwarded-For names it.</summary>
    private HttpClient ClientAt(string address)
    {
        var client = _app.CreateBrowserlessClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return client;
    }

    [Fact]
    public async Task TheFourthSignInAMinute_From_OneAddress_Is429_WhileAnotherAddressGoesOn()
    {
        using var attacker = ClientAt("203.0.113.7");
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await _app.SignInAsync(attacker, "alice@example.com", $"guess {i}")).StatusCode);

        var refused = await _app.SignInAsync(attacker, "alice@example.com", MeetingsApp.Demo.DemoData.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Too many attempts", await refused.Content.ReadAsStringAsync());
        Assert.StartsWith("text/html", refused.Content.Headers.ContentType!.ToString());
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        // The limit counts attempts, not the page: the form itself still opens.
        Assert.Equal(HttpStatusCode.OK, (await attacker.GetAsync("/Account/Login")).StatusCode);
        using var someoneElse = ClientAt("198.51.100.20");
        Assert.Equal(HttpStatusCode.Redirect, (await _app.SignInAsync(someoneElse, "alice@example.com", MeetingsApp.Demo.DemoData.Password)).StatusCode);
    }

    [Fact]
    public async Task TheThirdRegistrationAnHour_FromOneAddress_Is429()
    {
        using var client = ClientAt("203.0.113.9");
        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.RegisterAsync($"Robin {i}", $"robin.{i}.{Guid.NewGuid():N}@example.org", "a long enough password")).StatusCode);

        var refused = await client.RegisterAsync("Robin 3", $"robin.3.{Guid.NewGuid():N}@example.org", "a long enough password");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Too many attempts", await refused.Content.ReadAsStringAsync());
        // Asking for a new confirmation link mails the address typed too: the same budget, or it would be a way around it.
        var resend = await client.PostFormAsync("/Account/ResendEmailConfirmation", "resend-confirmation", new() { ["Input.Email"] = "robin@example.org" });
        Assert.Equal(HttpStatusCode.TooManyRequests, resend.StatusCode);
    }
}
