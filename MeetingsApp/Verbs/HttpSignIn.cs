using System.Net;
using System.Text.RegularExpressions;
using MeetingsApp.Demo;

namespace MeetingsApp.Verbs;

/// <summary>Signs an HTTP client in through the real sign-in form, as a browser would (antiforgery token included).</summary>
public static partial class HttpSignIn
{
    public static async Task<HttpResponseMessage> SignInAsync(this HttpClient client, string email, string password, string? returnUrl = null)
    {
        var path = returnUrl is null ? "/Account/Login" : $"/Account/Login?ReturnUrl={Uri.EscapeDataString(returnUrl)}";
        var form = await client.GetStringAsync(path);
        var token = AntiforgeryField().Match(form).Groups[1].Value;
        return await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["_handler"] = "login", ["Input.Email"] = email, ["Input.Password"] = password,
        }));
    }

    /// <summary>A demo user signed in at <paramref name="address"/>; the cookies serve hub connections and browser profiles alike.</summary>
    public static async Task<CookieContainer> SignInDemoUserAsync(Uri address, string login)
    {
        var cookies = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = address };
        var response = await client.SignInAsync(DemoData.Email(login), DemoData.Password);
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"{login} could not sign in: {response.StatusCode}");
        return cookies;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
