using MeetingsApp.Demo;
using Microsoft.Playwright;

namespace MeetingsApp.Tests.EndToEnd.Accessibility;

/// <summary>
/// The day's main actions without a mouse: every step is Tab, typing, Enter or Escape, and every control reached
/// shows where the focus is. Screen readers hear the new invitation (a live region), dialogs keep and give back focus,
/// and the timeline slider says which version it shows.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class KeyboardOnlyTests(AppServer app, Browser browser) : IClassFixture<AppServer>
{
    [Fact]
    public async Task AliceSchedulesAndBobAccepts_WithTheKeyboardAlone()
    {
        var bob = await SignInAsync("bob", "/meetings");
        var alice = await SignInAsync("alice", "/meetings/new");

        await TabToAsync(alice, alice.GetByLabel("Title"));
        await alice.Keyboard.TypeAsync("Keyboard sync");
        await TabToAsync(alice, alice.GetByLabel("Invitees"));
        await alice.Keyboard.TypeAsync("Bob");
        await Assertions.Expect(alice.GetByRole(AriaRole.Option).Filter(new() { HasText = "Bob Brown" })).ToBeVisibleAsync();
        await alice.Keyboard.PressAsync("Enter");
        await Assertions.Expect(alice.GetByLabel("Invited people").GetByText("Bob Brown")).ToBeVisibleAsync();
        await TabToAsync(alice, alice.GetByRole(AriaRole.Button, new() { Name = "Schedule", Exact = true }));
        await alice.Keyboard.PressAsync("Enter");
        await alice.WaitForURLAsync(url => url.Contains("/meetings/") && !url.EndsWith("/new"), new() { WaitUntil = WaitUntilState.Commit });
        await Assertions.Expect(alice.GetByRole(AriaRole.Heading, new() { Name = "Keyboard sync" })).ToBeVisibleAsync();

        // Bob's open tab tells his screen reader, without taking his focus.
        await Assertions.Expect(bob.GetByTestId("announcement")).ToHaveTextAsync("New invitation: Alice Anderson invited you to “Keyboard sync”");

        await bob.GotoAsync("invitations");
        await Browser.WaitForCircuitAsync(bob);
        var invitation = bob.GetByTestId("invitation").Filter(new() { HasText = "Keyboard sync" });
        await TabToAsync(bob, invitation.GetByRole(AriaRole.Button, new() { Name = "Accept", Exact = true }));
        await bob.Keyboard.PressAsync("Enter");
        await Assertions.Expect(invitation).ToHaveCountAsync(0);
        await Assertions.Expect(alice.GetByTestId("response-counts")).ToHaveTextAsync("1 accepted · 0 declined · 0 pending");

        foreach (var page in new[] { alice, bob }) await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ADialog_KeepsTheFocus_AndGivesItBackWhenClosed()
    {
        var bob = await SignInAsync("bob", $"/meetings/{DemoData.Id("meeting:design-review")}"); // Bob organises it
        var reschedule = bob.GetByRole(AriaRole.Button, new() { Name = "Reschedule", Exact = true });
        await TabToAsync(bob, reschedule);
        await bob.Keyboard.PressAsync("Enter");

        var dialog = bob.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await Assertions.Expect(dialog.Locator(":focus")).ToHaveCountAsync(1);
        for (var i = 0; i < 8; i++)
        {
            await bob.Keyboard.PressAsync("Tab");
            Assert.True(await dialog.EvaluateAsync<bool>("d => d.contains(document.activeElement)"), "Tab left the open dialog");
        }
        await bob.Keyboard.PressAsync("Escape");
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(reschedule).ToBeFocusedAsync();
        await bob.Context.CloseAsync();
    }

    [Fact]
    public async Task TheTimelineSlider_SaysWhichVersionItShows()
    {
        var bob = await SignInAsync("bob", $"/meetings/{DemoData.Id("meeting:budget")}/timeline?v=2");
        var slider = bob.GetByRole(AriaRole.Slider, new() { Name = "Version" });
        await Assertions.Expect(slider).ToHaveAttributeAsync("aria-valuetext", new System.Text.RegularExpressions.Regex("^Version 2 of 3: .*Alice.*accepted", System.Text.RegularExpressions.RegexOptions.IgnoreCase));
        await TabToAsync(bob, slider);
        await bob.Keyboard.PressAsync("ArrowRight");
        await Assertions.Expect(slider).ToHaveAttributeAsync("aria-valuetext", new System.Text.RegularExpressions.Regex("^Version 3 of 3: "));
        await bob.Context.CloseAsync();
    }

    [Fact]
    public async Task DarkMode_SwitchedOnTheSignInPage_StaysOnInTheApp_UntilSwitchedOff()
    {
        var context = await browser.Chromium.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("Account/Login?ReturnUrl=%2Fmeetings");
        var darkMode = page.GetByRole(AriaRole.Button, new() { Name = "Dark mode" });
        await Assertions.Expect(darkMode).ToHaveAttributeAsync("aria-pressed", "false");
        await TabToAsync(page, darkMode);
        await page.Keyboard.PressAsync("Enter"); // a statically rendered page: the switch is a form post

        await Assertions.Expect(darkMode).ToHaveAttributeAsync("aria-pressed", "true");
        Assert.True(await AccessibilityTests.IsDarkAsync(page));
        await page.GetByLabel("E-mail").FillAsync("carol@example.com");
        await page.GetByLabel("Password").FillAsync(DemoData.Password);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => url.EndsWith("/meetings"));
        await Browser.WaitForCircuitAsync(page);
        Assert.True(await AccessibilityTests.IsDarkAsync(page));

        await TabToAsync(page, darkMode);
        await page.Keyboard.PressAsync("Enter"); // over the circuit now
        await Assertions.Expect(darkMode).ToHaveAttributeAsync("aria-pressed", "false");
        await page.ReloadAsync();
        await Browser.WaitForCircuitAsync(page);
        Assert.False(await AccessibilityTests.IsDarkAsync(page));
        await context.CloseAsync();
    }

    /// <summary>Signs in by typing and Enter, as a keyboard user does.</summary>
    private async Task<IPage> SignInAsync(string login, string returnPath)
    {
        var context = await browser.Chromium.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString(), TimezoneId = "Europe/Berlin" });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"Account/Login?ReturnUrl={Uri.EscapeDataString(returnPath)}");
        await TabToAsync(page, page.GetByLabel("E-mail"));
        await page.Keyboard.TypeAsync($"{login}@example.com");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(DemoData.Password);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login"), new() { WaitUntil = WaitUntilState.Commit });
        await Browser.WaitForCircuitAsync(page);
        return page;
    }

    /// <summary>Presses Tab until <paramref name="target"/> has the focus, checking that each stop shows it.</summary>
    private static async Task TabToAsync(IPage page, ILocator target)
    {
        for (var presses = 0; presses < 60; presses++)
        {
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement || e.contains(document.activeElement)")) return;
            await page.Keyboard.PressAsync("Tab");
            var focus = await page.EvaluateAsync<string?>("""
                () => {
                    const e = document.activeElement;
                    if (!e || e === document.body) return null;
                    const s = getComputedStyle(e);
                    const shown = (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== "none";
                    return shown ? null : e.outerHTML.slice(0, 200);
                }
                """);
            Assert.True(focus is null, $"The keyboard focus is not visible on {focus}");
        }
        Assert.Fail($"Tab never reached {target}");
    }
}
