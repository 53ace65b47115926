using Microsoft.Playwright;

namespace MeetingsApp.Tests.EndToEnd;

/// <summary>
/// Two app processes on one PostgreSQL database, as behind a load balancer: what is written through one instance
/// reaches, live, a browser tab connected to the other.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ScaleOutTests(Browser browser) : IAsyncLifetime
{
    private string _database = "";

    public async ValueTask InitializeAsync()
    {
        browser.Require();
        _database = await PostgresServer.CreateDatabaseAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_database.Length > 0) await PostgresServer.DropDatabaseAsync(_database);
    }

    private Dictionary<string, string> Settings(bool seed) => new()
    {
        ["Database:Provider"] = "Postgres", ["ConnectionStrings:Meetings"] = _database, ["Demo:Seed"] = seed ? "true" : "false",
    };

    [Fact]
    public async Task ScheduledThroughInstanceA_AppearsLiveInBobsTabOnInstanceB()
    {
        await using var a = await AppProcess.StartAsync(Settings(seed: true));
        await using var b = await AppProcess.StartAsync(Settings(seed: false));
        var bob = await browser.SignInAsync(b.BaseAddress, "bob", "/meetings");
        var bell = await bob.GetByTestId("notification-bell").GetAttributeAsync("data-unread");
        var alice = await browser.SignInAsync(a.BaseAddress, "alice", "/meetings/new");

        await Browser.ScheduleWithBobAsync(alice, "Across instances");

        await Assertions.Expect(bob.GetByTestId("meeting-list").GetByText("Across instances")).ToBeVisibleAsync();
        await Assertions.Expect(bob.GetByTestId("notification-bell")).Not.ToHaveAttributeAsync("data-unread", bell!);
        await Browser.ScreenshotAsync(bob, "scale-out-instance-b");

        // And back: Bob accepts on B, and Alice's open page on A counts it.
        await bob.GetByTestId("meeting-list").GetByText("Across instances").ClickAsync();
        await bob.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await Assertions.Expect(alice.GetByTestId("response-counts")).ToContainTextAsync("1 accepted · 0 maybe · 0 declined · 0 pending");

        // One sign-in is good at every instance, as behind a load balancer: they share the cookie keys in the database.
        var aliceOnB = await alice.Context.NewPageAsync();
        await aliceOnB.GotoAsync(new Uri(b.BaseAddress, "meetings").ToString());
        await Assertions.Expect(aliceOnB.GetByTestId("meeting-list").GetByText("Across instances")).ToBeVisibleAsync();

        foreach (var page in new[] { alice, bob }) await page.Context.CloseAsync();
    }
}
