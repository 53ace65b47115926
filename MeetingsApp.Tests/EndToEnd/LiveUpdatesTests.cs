using MeetingsApp.Demo;
using Microsoft.Playwright;

namespace MeetingsApp.Tests.EndToEnd;

/// <summary>Two and three people in their own browser profiles: changes arrive without a reload, only where they belong.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LiveUpdatesTests(AppServer app, Browser browser) : IClassFixture<AppServer>
{
    [Fact]
    public async Task ScheduledByAlice_AppearsInBobsOpenList_BobsAnswerInAlicesOpenPage_AndCarolHearsNothing()
    {
        var bob = await browser.SignInAsync(app, "bob", "/meetings");
        var carol = await browser.SignInAsync(app, "carol", "/meetings");
        var carolsBell = await carol.GetByTestId("notification-bell").GetAttributeAsync("data-unread");
        var alice = await browser.SignInAsync(app, "alice", "/meetings/new");

        await Browser.ScheduleWithBobAsync(alice, "Live demo");

        await Assertions.Expect(bob.GetByTestId("meeting-list").GetByText("Live demo")).ToBeVisibleAsync();
        await Assertions.Expect(bob.GetByTestId("notification-bell")).Not.ToHaveAttributeAsync("data-unread", "0");
        await Task.Delay(1_000);
        await Assertions.Expect(carol.GetByText("Live demo")).ToHaveCountAsync(0);
        Assert.Equal(carolsBell, await carol.GetByTestId("notification-bell").GetAttributeAsync("data-unread"));
        await Browser.ScreenshotAsync(bob, "meetings-list-live");

        await bob.GetByTestId("meeting-list").GetByText("Live demo").ClickAsync();
        await bob.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();

        await Assertions.Expect(alice.GetByTestId("response-counts")).ToContainTextAsync("1 accepted · 0 maybe · 0 declined · 0 pending");
        await Browser.ScreenshotAsync(alice, "meeting-page-live");

        foreach (var page in new[] { alice, bob, carol }) await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AnInviteeAccepts_AndBothOpenPagesCountIt()
    {
        var review = DemoData.Id("meeting:design-review"); // bob organises; alice is invited and has not answered
        var bob = await browser.SignInAsync(app, "bob", $"/meetings/{review}");
        await Assertions.Expect(bob.GetByTestId("response-counts")).ToContainTextAsync("1 accepted");
        var alice = await browser.SignInAsync(app, "alice", $"/meetings/{review}");

        await alice.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();

        await Assertions.Expect(bob.GetByTestId("response-counts")).ToContainTextAsync("2 accepted");
        await Assertions.Expect(alice.GetByTestId("response-counts")).ToContainTextAsync("2 accepted");
        foreach (var page in new[] { alice, bob }) await page.Context.CloseAsync();
    }
}
