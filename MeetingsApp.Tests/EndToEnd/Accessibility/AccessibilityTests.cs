using MeetingsApp.Demo;
using Microsoft.Playwright;

namespace MeetingsApp.Tests.EndToEnd.Accessibility;

/// <summary>
/// WCAG 2.1 AA, as far as a checker can tell: every page, signed out and signed in (as Alice, an admin, and as Bob,
/// who is not), in light and in dark mode, has no serious or critical axe-core violation. One app server and one
/// browser serve every row; each person keeps one browser profile per mode.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(AccessibilityTests.Profiles profiles, Browser browser) : IClassFixture<AccessibilityTests.Profiles>
{
    private const string SignedOut = "";
    private static readonly Guid Review = DemoData.Id("meeting:design-review"); // Bob organises; Alice is invited
    private static readonly Guid Budget = DemoData.Id("meeting:budget"); // cancelled, with a history

    /// <summary>Every page as someone sees it: a name for messages, the path, and who (signed out: empty). One line per page.</summary>
    public static TheoryData<string, string, string> Pages => new()
    {
        { "sign-in", "Account/Login", SignedOut },
        { "register", "Account/Register", SignedOut },
        { "confirm e-mail, a link gone bad", $"Account/ConfirmEmail?user={DemoData.Id("user:bob")}&code=forged", SignedOut },
        { "new confirmation link", "Account/ResendEmailConfirmation", SignedOut },
        { "my meetings", "meetings", "alice" },
        { "my meetings", "meetings", "bob" },
        { "my meetings as of", "meetings?asOf=2026-11-20T09:00:00Z", "bob" },
        { "invitations", "invitations", "alice" },
        { "invitations", "invitations", "bob" },
        { "schedule form", "meetings/new", "bob" },
        { "meeting, as invitee", $"meetings/{Review}", "alice" },
        { "meeting, as organiser", $"meetings/{Review}", "bob" },
        { "cancelled meeting", $"meetings/{Budget}", "bob" },
        { "timeline", $"meetings/{Budget}/timeline", "bob" },
        { "timeline", $"meetings/{Review}/timeline", "alice" },
        { "notifications", "notifications", "alice" },
        { "notifications", "notifications", "bob" },
        { "event log", "events", "alice" },
        { "event", "events/1", "alice" },
        { "projections", "admin/projections", "alice" },
        { "outbox", "admin/outbox", "alice" },
        { "profile", "profile", "bob" },
        { "calendar week", "calendar", "alice" },
        { "calendar month, all", "calendar?view=month&all=true", "bob" },
        { "calendar day as of", "calendar?view=day&asOf=2026-11-20T09:00:00Z", "bob" },
        { "change password", "Account/Password", "bob" },
        { "not found", "no-such-page", "bob" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_HasNoSeriousViolation_InLightAndDarkMode(string name, string path, string who)
    {
        var violations = new List<string>();
        foreach (var dark in new[] { false, true })
        {
            var page = await profiles.PageAsync(browser, who, dark);
            await page.GotoAsync(path);
            await ReadyAsync(page, signedIn: who != SignedOut);
            Assert.Equal(dark, await IsDarkAsync(page));
            var where = $"“{name}” (/{path}, {(who == SignedOut ? "signed out" : who)}, {(dark ? "dark" : "light")})";
            violations.AddRange(await Axe.ViolationsAsync(page, where));
        }
        Assert.True(violations.Count == 0, $"{violations.Count} WCAG violations:\n{string.Join("\n", violations)}");
    }

    /// <summary>What opens on a page (a dialog, a list of suggestions, a row's details) is checked open too.</summary>
    [Fact]
    public async Task OpenedParts_HaveNoSeriousViolation_InLightAndDarkMode()
    {
        var violations = new List<string>();
        foreach (var dark in new[] { false, true })
        {
            var mode = dark ? "dark" : "light";
            var bob = await profiles.PageAsync(browser, "bob", dark);
            await bob.GotoAsync($"meetings/{Review}");
            await ReadyAsync(bob, signedIn: true);
            await bob.GetByRole(AriaRole.Button, new() { Name = "Reschedule", Exact = true }).ClickAsync();
            await Assertions.Expect(bob.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
            violations.AddRange(await Axe.ViolationsAsync(bob, $"the reschedule dialog (bob, {mode})"));
            await bob.Keyboard.PressAsync("Escape");

            await bob.GotoAsync("meetings/new");
            await ReadyAsync(bob, signedIn: true);
            await bob.GetByLabel("Invitees").FillAsync("al") /* the directory answers from two characters on */;
            await Assertions.Expect(bob.GetByRole(AriaRole.Option).First).ToBeVisibleAsync();
            violations.AddRange(await Axe.ViolationsAsync(bob, $"the invitee suggestions (bob, {mode})"));

            var alice = await profiles.PageAsync(browser, "alice", dark);
            await alice.GotoAsync("events");
            await ReadyAsync(alice, signedIn: true);
            await alice.GetByRole(AriaRole.Button, new() { Name = "Details" }).First.ClickAsync();
            await Assertions.Expect(alice.GetByRole(AriaRole.Button, new() { Name = "Hide" })).ToBeVisibleAsync();
            violations.AddRange(await Axe.ViolationsAsync(alice, $"an event's details in the event log (alice, {mode})"));

            // Alice, invited, proposes another time; Bob, organising, sees it listed and opens the dismissal.
            await alice.GotoAsync($"meetings/{Review}");
            await ReadyAsync(alice, signedIn: true);
            await alice.GetByRole(AriaRole.Button, new() { Name = "Propose a new time" }).ClickAsync();
            var propose = alice.GetByRole(AriaRole.Dialog);
            await Assertions.Expect(propose).ToBeVisibleAsync();
            violations.AddRange(await Axe.ViolationsAsync(alice, $"the propose dialog (alice, {mode})"));
            await propose.GetByLabel("Proposed start").FillAsync(DateTime.UtcNow.AddDays(dark ? 8 : 7).ToString("yyyy-MM-ddT09:00"));
            await propose.GetByRole(AriaRole.Button, new() { Name = "Propose", Exact = true }).ClickAsync();
            await Assertions.Expect(propose).ToHaveCountAsync(0);
            await bob.GotoAsync($"meetings/{Review}");
            await ReadyAsync(bob, signedIn: true);
            await Assertions.Expect(bob.GetByTestId("proposal")).ToBeVisibleAsync();
            violations.AddRange(await Axe.ViolationsAsync(bob, $"the proposed times (bob, {mode})"));
            await bob.GetByRole(AriaRole.Button, new() { Name = "Dismiss the time Alice Anderson (alice@example.com) proposed" }).ClickAsync();
            await Assertions.Expect(bob.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
            violations.AddRange(await Axe.ViolationsAsync(bob, $"the dismiss dialog (bob, {mode})"));
            await bob.Keyboard.PressAsync("Escape");
        }
        Assert.True(violations.Count == 0, $"{violations.Count} WCAG violations:\n{string.Join("\n", violations)}");
    }

    /// <summary>Interactive pages are checked once the circuit is live and their data is shown (no spinner).</summary>
    private static async Task ReadyAsync(IPage page, bool signedIn)
    {
        if (signedIn) await Browser.WaitForCircuitAsync(page);
        await page.Locator("h1").First.WaitForAsync();
        await Assertions.Expect(page.Locator(".mud-progress-circular")).ToHaveCountAsync(0);
    }

    /// <summary>Whether the page is shown in dark mode: its background is dark.</summary>
    internal static Task<bool> IsDarkAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => { const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\\d+/g).map(Number); return r + g + b < 384; }");

    /// <summary>One signed-in browser profile per person and mode, kept for the whole class; the app server with them.</summary>
    public sealed class Profiles : IAsyncLifetime
    {
        private readonly Dictionary<(string Who, bool Dark), IPage> _pages = [];

        public AppServer App { get; } = new();

        /// <summary>A row no version reads, on a stream of its own: Admin > Projections is checked with its parked-stream rows.</summary>
        public async ValueTask InitializeAsync()
        {
            var database = App.Get<MeetingsApp.EventStore.EventStoreDatabase>();
            await using (var connection = await database.OpenAsync(CancellationToken.None))
            await using (var command = connection.GetCommand(EventSql.Insert(database.Provider)))
            {
                new EventRowParameters(command, database.Provider).Set(new StoredEvent
                {
                    StreamId = Guid.NewGuid(), StreamType = "Gadget", EventType = "gadget_launched", Version = 1, SchemaVersion = 1,
                    Data = "{}", Meta = "{}", CreatedAt = DateTime.UtcNow,
                });
                await command.ExecuteNonQueryAsync();
            }
            await App.Get<MeetingsApp.EventStore.Subscriptions.SubscriptionHost<MeetingsApp.Data.AppDbContext>>()
                .WaitForAsync(await App.Get<MeetingsApp.EventStore.IEventStore>().ReadHeadAsync(), TimeSpan.FromSeconds(20));
        }

        public async Task<IPage> PageAsync(Browser browser, string who, bool dark)
        {
            if (_pages.TryGetValue((who, dark), out var kept)) return kept;
            var page = who == SignedOut
                ? await (await browser.Chromium.NewContextAsync(new() { BaseURL = App.BaseAddress.ToString() })).NewPageAsync()
                : await browser.SignInAsync(App, who);
            if (dark)
            {
                await page.Context.AddCookiesAsync([new() { Name = "meetings.theme", Value = "dark", Url = App.BaseAddress.ToString() }]);
            }
            return _pages[(who, dark)] = page;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var page in _pages.Values) await page.Context.CloseAsync();
            await App.DisposeAsync();
        }
    }
}
