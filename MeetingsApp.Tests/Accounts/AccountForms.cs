using System.Text.RegularExpressions;

namespace MeetingsApp.Tests.Accounts;

/// <summary>The account forms posted as a browser would: the page's antiforgery token and Blazor's form name included.</summary>
public static partial class AccountForms
{
    /// <summary>The antiforgery token of the first form on <paramref name="path"/> (every signed-in page has the sign-out form).</summary>
    public static async Task<string> TokenAsync(this HttpClient client, string path) =>
        AntiforgeryField().Match(await client.GetStringAsync(path)).Groups[1].Value;

    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string path, string formName, Dictionary<string, string> fields)
    {
        var token = await client.TokenAsync(path);
        return await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>(fields)
        {
            ["__RequestVerificationToken"] = token, ["_handler"] = formName,
        }));
    }

    public static async Task<HttpResponseMessage> SignOutAsync(this HttpClient client) =>
        await client.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await client.TokenAsync("/meetings"),
        }));

    public static Task<HttpResponseMessage> RegisterAsync(this HttpClient client, string name, string email, string password, string? invitation = null) =>
        client.PostFormAsync(invitation is null ? "/Account/Register" : $"/Account/Register?invitation={Uri.EscapeDataString(invitation)}", "register", new()
        {
            ["Input.DisplayName"] = name, ["Input.Email"] = email, ["Input.Password"] = password, ["Input.ConfirmPassword"] = password,
        });

    public static Task<HttpResponseMessage> ChangePasswordAsync(this HttpClient client, string current, string next) =>
        client.PostFormAsync("/Account/Password", "change-password", new()
        {
            ["Input.CurrentPassword"] = current, ["Input.NewPassword"] = next, ["Input.ConfirmPassword"] = next,
        });

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
