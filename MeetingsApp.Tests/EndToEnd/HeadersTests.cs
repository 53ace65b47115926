using System.Net;
using MeetingsApp.Demo;

namespace MeetingsApp.Tests.EndToEnd;

/// <summary>The headers every response carries, and what a TLS-terminating proxy in front changes.</summary>
public sealed class HeadersTests(AppServer app) : IClassFixture<AppServer>
{
    [Theory]
    [InlineData("/Account/Login")]
    [InlineData("/meetings")]
    [InlineData("/no-such-page")]
    public async Task EveryPage_CarriesTheSecurityHeaders(string path)
    {
        var (alice, _) = await app.SignedInClientAsync("alice");

        var response = await alice.GetAsync(path);

        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("same-origin", string.Join(",", response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal(MeetingsApp.WebEdge.ContentSecurityPolicy, string.Join(",", response.Headers.GetValues("Content-Security-Policy")));
        Assert.Contains("script-src 'self';", MeetingsApp.WebEdge.ContentSecurityPolicy);
    }

    [Fact]
    public async Task TheCalendarFile_IsNeverCached()
    {
        var (alice, _) = await app.SignedInClientAsync("alice");

        var response = await alice.GetAsync($"/meetings/{DemoData.Id("meeting:design-review")}/calendar.ics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl is { Private: true, NoStore: true }, response.Headers.CacheControl?.ToString());
    }
}

/// <summary>Production behind a proxy that terminates TLS and says so in X-Forwarded-Proto (from loopback, which is trusted).</summary>
public sealed class BehindAProxyTests : IAsyncLifetime
{
    private readonly AppServer _app = new(null, environment: "Production");

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private HttpClient Client(bool forwardedHttps)
    {
        var client = _app.CreateBrowserlessClient();
        client.DefaultRequestHeaders.Host = "meetings.example";
        if (forwardedHttps) client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        return client;
    }

    [Fact]
    public async Task ForwardedHttps_GetsHsts_AndSecureCookies()
    {
        using var client = Client(forwardedHttps: true);

        var signIn = await _app.SignInAsync(client, "bob@example.com", DemoData.Password);

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.True(signIn.Headers.Contains("Strict-Transport-Security"));
        var cookies = signIn.Headers.GetValues("Set-Cookie").ToList();
        Assert.Contains(cookies, c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal));
        Assert.All(cookies, c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task PlainHttp_GetsNeither()
    {
        using var client = Client(forwardedHttps: false);

        var signIn = await _app.SignInAsync(client, "bob@example.com", DemoData.Password);

        Assert.False(signIn.Headers.Contains("Strict-Transport-Security"));
        Assert.DoesNotContain(signIn.Headers.GetValues("Set-Cookie"), c => c.Contains("secure", StringComparison.OrdinalIgnoreCase));
    }
}
