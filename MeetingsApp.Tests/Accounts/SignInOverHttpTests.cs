using System.Net;
using MeetingsApp.Tests.EndToEnd;

namespace MeetingsApp.Tests.Accounts;

/// <summary>The sign-in form as a plain HTTP client sees it: antiforgery, cookies, redirects, lockout.</summary>
public sealed class SignInOverHttpTests(AppServer app) : IClassFixture<AppServer>
{
    private Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string email, string password, string? returnUrl = null) =>
        app.SignInAsync(client, email, password, returnUrl);

    [Fact]
    public async Task APostWithoutTheAntiforgeryToken_IsRejected()
    {
        using var client = app.CreateBrowserlessClient();

        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login", ["Input.Email"] = "alice@example.com", ["Input.Password"] = MeetingsApp.Demo.DemoData.Password,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task SigningIn_LandsWhereTheVisitorWantedToGo_AndOnlyThere()
    {
        using var client = app.CreateBrowserlessClient();

        var response = await PostLoginAsync(client, "carol@example.com", MeetingsApp.Demo.DemoData.Password, "/some/page?x=1");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(new Uri(app.BaseAddress, "/some/page?x=1"), new Uri(app.BaseAddress, response.Headers.Location!));

        using var other = app.CreateBrowserlessClient();
        var offsite = await PostLoginAsync(other, "carol@example.com", MeetingsApp.Demo.DemoData.Password, "https://evil.example/");
        Assert.Equal(app.BaseAddress.Authority, new Uri(app.BaseAddress, offsite.Headers.Location!).Authority);
    }

    [Fact]
    public async Task FiveWrongPasswords_LockTheAccount()
    {
        using var client = app.CreateBrowserlessClient();
        for (var i = 0; i < 5; i++) await PostLoginAsync(client, "dave@example.com", "wrong-password");

        var withRightPassword = await PostLoginAsync(client, "dave@example.com", MeetingsApp.Demo.DemoData.Password);

        // Refused, with the answer any failure gets (SignInEnumerationTests): the lockout does not announce itself.
        Assert.Equal(HttpStatusCode.OK, withRightPassword.StatusCode);
        Assert.Contains(MeetingsApp.Accounts.Pages.Login.FailedMessage, await withRightPassword.Content.ReadAsStringAsync());
    }
}
