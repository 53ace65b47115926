using MeetingsApp.Verbs;
using Microsoft.Playwright;

namespace MeetingsApp.Tests.EndToEnd;

/// <summary>
/// Browser tests run one class at a time (two cores: parallel Chromiums and app servers starve each other),
/// sharing one Chromium.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<Browser>
{
    public const string Name = "Browser";
}

/// <summary>
/// Chromium (see <see cref="ChromiumLocator"/>) driven by Playwright; each test opens its own contexts (profiles).
/// Without Chromium on the machine every test that uses it skips, saying so (<see cref="TestMachine"/>).
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    private static readonly (string? Path, string Why) Found = ChromiumLocator.Find();
    private IPlaywright? _playwright;
    private IBrowser? _chromium;

    /// <summary>The running browser; skips the test if there is none.</summary>
    public IBrowser Chromium
    {
        get
        {
            Require();
            return _chromium!;
        }
    }

    /// <summary>Skips the test now if there is no Chromium, before it spends time on anything else.</summary>
    public void Require()
    {
        if (_chromium is null) TestMachine.Missing(TestMachine.Need.Chromium, Found.Why);
    }

    public async ValueTask InitializeAsync()
    {
        if (Found.Path is null) return;
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        _chromium = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Found.Path,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A fresh browser profile signed in as <paramref name="login"/> through the real sign-in form.</summary>
    public Task<IPage> SignInAsync(AppServer app, string login, string? returnPath = null, ViewportSize? viewport = null, string timeZone = "Europe/Berlin") =>
        SignInAsync(app.BaseAddress, login, returnPath, viewport, timeZone);

    public async Task<IPage> SignInAsync(Uri app, string login, string? returnPath = null, ViewportSize? viewport = null, string timeZone = "Europe/Berlin")
    {
        var context = await Chromium.NewContextAsync(new() { BaseURL = app.ToString(), TimezoneId = timeZone, ViewportSize = viewport });
        var page = await context.NewPageAsync();
        await page.GotoAsync(returnPath is null ? "Account/Login" : $"Account/Login?ReturnUrl={Uri.EscapeDataString(returnPath)}");
        await page.GetByLabel("E-mail").FillAsync($"{login}@example.com");
        await page.GetByLabel("Password").FillAsync(MeetingsApp.Demo.DemoData.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        try
        {
            await page.WaitForURLAsync(url => !url.Contains("/Account/Login"), new() { WaitUntil = WaitUntilState.Commit });
        }
        catch (TimeoutException ex)
        {
            var text = await page.Locator("main").InnerTextAsync(new() { Timeout = 2_000 }).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : "(no main)");
            throw new TimeoutException($"{login} was not signed in; the page at {page.Url} says: {text} " +
                $"(test process thread pool: {ThreadPool.ThreadCount} threads, {ThreadPool.PendingWorkItemCount} work items waiting)", ex);
        }
        await WaitForCircuitAsync(page);
        return page;
    }

    /// <summary>Schedules a meeting with Bob through the form on <paramref name="page"/> (at /meetings/new), and waits for its page.</summary>
    public static async Task ScheduleWithBobAsync(IPage page, string title)
    {
        await FillWithBobAsync(page, title);
        await ScheduleAsync(page);
    }

    /// <summary>Gives the form on <paramref name="page"/> (at /meetings/new) a title and Bob as its invitee.</summary>
    public static async Task FillWithBobAsync(IPage page, string title)
    {
        await page.GetByLabel("Title").FillAsync(title);
        await page.GetByLabel("Invitees").FillAsync("Bob");
        await page.GetByText("Bob Brown").First.ClickAsync();
        await Assertions.Expect(page.GetByLabel("Invited people").GetByText("Bob Brown")).ToBeVisibleAsync();
    }

    /// <summary>
    /// Presses the form's Schedule button and waits for the new meeting's page. The button is pressed with the keyboard,
    /// as a keyboard user would: clash warnings appear above it while the form settles, and a mouse click aimed while the
    /// layout moves can land beside it. On a timeout it says what the form showed instead.
    /// </summary>
    public static async Task ScheduleAsync(IPage page)
    {
        await PressScheduleAsync(page);
        try
        {
            await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/meetings/(?!new)[^/]+$"), new() { Timeout = 30_000 });
        }
        catch (PlaywrightException ex)
        {
            var text = await page.Locator("body").InnerTextAsync(new() { Timeout = 2_000 }).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : "(no body)");
            throw new TimeoutException($"The meeting was not scheduled; the page at {page.Url} says: {text}", ex);
        }
    }

    /// <summary>Presses the form's Schedule button with the keyboard (see <see cref="ScheduleAsync"/>) and waits for nothing.</summary>
    public static Task PressScheduleAsync(IPage page) => page.GetByRole(AriaRole.Button, new() { Name = "Schedule", Exact = true }).PressAsync("Enter");

    /// <summary>Prerendered HTML arrives before the circuit; clicks before it is live are lost.</summary>
    public static Task WaitForCircuitAsync(IPage page) =>
        page.Locator("[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    /// <summary>Keeps a picture of the page in the test output (screenshots/), for a reviewer to look at.</summary>
    public static Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots"));
        return page.ScreenshotAsync(new() { Path = Path.Combine(folder.FullName, $"{name}.png"), FullPage = true });
    }

    public async ValueTask DisposeAsync()
    {
        if (_chromium is not null) await _chromium.DisposeAsync();
        _playwright?.Dispose();
    }
}
