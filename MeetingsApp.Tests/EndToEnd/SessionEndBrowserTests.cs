using MeetingsApp.Demo;
using MeetingsApp.EventStore;
using Microsoft.Playwright;

namespace MeetingsApp.Tests.EndToEnd;

/// <summary>Two tabs of one person: signing out in one ends the other, which says so and can no longer act.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SessionEndBrowserTests(AppServer app, Browser browser) : IClassFixture<AppServer>
{
    [Fact]
    public async Task SigningOutInOneTab_EndsTheOther_WhichCanNoLongerDecline()
    {
        var review = DemoData.Id("meeting:design-review"); // bob organises; alice is invited and has not answered
        var first = await browser.SignInAsync(app, "alice", "/meetings");
        var second = await first.Context.NewPageAsync();
        await second.GotoAsync($"meetings/{review}");
        await Browser.WaitForCircuitAsync(second);
        await Assertions.Expect(second.GetByRole(AriaRole.Button, new() { Name = "Decline" })).ToBeVisibleAsync();
        var head = await app.Get<IEventStore>().ReadHeadAsync();

        await first.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await first.WaitForURLAsync(url => url.Contains("/Account/Login"), new() { WaitUntil = WaitUntilState.Commit });

        await Assertions.Expect(second.GetByTestId("session-ended")).ToContainTextAsync("Your session has ended");
        await Assertions.Expect(second.GetByRole(AriaRole.Button, new() { Name = "Decline" })).ToHaveCountAsync(0);
        await Assertions.Expect(second.GetByRole(AriaRole.Link, new() { Name = "Sign in again" })).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(second, "session-ended");
        Assert.Equal(head, await app.Get<IEventStore>().ReadHeadAsync());
        await first.Context.CloseAsync();
    }

    [Fact]
    public async Task ADialogOpenInTheOtherTab_GoesWithTheSession()
    {
        var review = DemoData.Id("meeting:design-review");
        var first = await browser.SignInAsync(app, "alice", "/meetings");
        var second = await first.Context.NewPageAsync();
        await second.GotoAsync($"meetings/{review}");
        await Browser.WaitForCircuitAsync(second);
        await second.GetByRole(AriaRole.Button, new() { Name = "Propose a new time" }).ClickAsync();
        await Assertions.Expect(second.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();

        await first.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await first.WaitForURLAsync(url => url.Contains("/Account/Login"), new() { WaitUntil = WaitUntilState.Commit });

        await Assertions.Expect(second.GetByTestId("session-ended")).ToBeVisibleAsync();
        await Assertions.Expect(second.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await first.Context.CloseAsync();
    }
}
