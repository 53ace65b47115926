using MeetingsApp.Demo;
using Microsoft.Playwright;

namespace MeetingsApp.Tests.EndToEnd;

/// <summary>
/// Every page works under the app's Content-Security-Policy in Chromium: it becomes interactive, and the browser
/// reports no violation (neither on the console nor as a securitypolicyviolation event).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ContentSecurityPolicyTests(AppServer app, Browser browser) : IClassFixture<AppServer>
{
    private const string RecordViolations =
        "window.__violations = []; document.addEventListener('securitypolicyviolation', e => " +
        "window.__violations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')));";

    private static readonly Guid Review = DemoData.Id("meeting:design-review");

    [Fact]
    public async Task EverySignedInPage_BecomesInteractive_WithoutAViolation()
    {
        var page = await browser.SignInAsync(app, "alice", "/meetings");
        var console = Watch(page);
        await page.Context.AddInitScriptAsync(RecordViolations);

        foreach (var path in new[]
        {
            "meetings", "meetings/new", "invitations", "notifications", "events", "admin/projections", "admin/invitations",
            "profile", "admin/outbox", $"meetings/{Review}", $"meetings/{Review}/timeline", "Account/Password",
        })
        {
            await page.GotoAsync(path);
            await Browser.WaitForCircuitAsync(page);
            await Assertions.Expect(page.Locator("h1").First).ToBeVisibleAsync();
            if (path == "meetings/new")
            {
                // A popover (MudBlazor positions it with inline styles) and the theme switch (a new style element).
                await page.GetByLabel("Invitees").FillAsync("Bo");
                await Assertions.Expect(page.GetByText("Bob Brown").First).ToBeVisibleAsync();
                var darkMode = page.GetByRole(AriaRole.Button, new() { Name = "Dark mode" });
                await darkMode.ClickAsync();
                await Assertions.Expect(darkMode).ToHaveAttributeAsync("aria-pressed", "true");
                await darkMode.ClickAsync();
                await Assertions.Expect(darkMode).ToHaveAttributeAsync("aria-pressed", "false");
            }
            await AssertNoViolationAsync(page, console, path);
        }
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TheStaticAccountPages_RenderWithoutAViolation()
    {
        var context = await browser.Chromium.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString() });
        await context.AddInitScriptAsync(RecordViolations);
        var page = await context.NewPageAsync();
        var console = Watch(page);

        foreach (var path in new[] { "Account/Login", "Account/Register", "Account/ResendEmailConfirmation", "Account/ConfirmEmail?user=x&code=y", "no-such-page" })
        {
            await page.GotoAsync(path);
            await Assertions.Expect(page.Locator("h1").First).ToBeVisibleAsync();
            await AssertNoViolationAsync(page, console, path);
        }
        await context.CloseAsync();
    }

    private static List<string> Watch(IPage page)
    {
        var messages = new List<string>();
        page.Console += (_, message) => { lock (messages) messages.Add($"{message.Type}: {message.Text}"); };
        page.PageError += (_, error) => { lock (messages) messages.Add($"pageerror: {error}"); };
        return messages;
    }

    private static async Task AssertNoViolationAsync(IPage page, List<string> console, string path)
    {
        // Late violations (a style applied after the first render) arrive as events; give them a moment.
        await page.WaitForTimeoutAsync(300);
        var violations = await page.EvaluateAsync<string[]>("window.__violations || []");
        string[] refused;
        lock (console) refused = [.. console.Where(m => m.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || m.StartsWith("pageerror"))];
        Assert.True(violations.Length == 0 && refused.Length == 0, $"/{path}: {string.Join(" | ", violations.Concat(refused))}");
    }
}
