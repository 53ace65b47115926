using MeetingsApp.Data;
using MeetingsApp.Demo;
using MeetingsApp.EventStore.Subscriptions;
using MeetingsApp.Meetings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MeetingsApp.Tests.EndToEnd;

/// <summary>
/// An operator's morning after an upgrade: one meeting's stream is parked (an answer the previous version could not read),
/// yet Bob's answer to another meeting reaches Alice's open page; Alice, an admin, finds the parked stream on Admin >
/// Projections and retries it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ParkedStreamBrowserTests(Browser browser) : IAsyncLifetime
{
    private readonly Guid _bob = DemoData.Id("user:bob");
    private UpgradedApp _versions = null!;

    public async ValueTask InitializeAsync()
    {
        browser.Require();
        _versions = await UpgradedApp.StartAsync(DatabaseProvider.Sqlite);
    }

    public ValueTask DisposeAsync() => _versions.DisposeAsync();

    private AppServer App => _versions.App;

    private async Task<Guid> ScheduleAsync(string title)
    {
        var id = Guid.NewGuid();
        await App.RunAsync("alice", new ScheduleMeeting(id, title, null, DateTimeOffset.UtcNow.AddDays(2), TimeSpan.FromHours(1), [_bob]));
        return id;
    }

    [Fact]
    public async Task BobsAnswerReachesAlicesOpenPage_WhileAnotherMeetingIsParked_AndTheAdminRetriesIt()
    {
        var (parked, open) = (await ScheduleAsync("Parked retro"), await ScheduleAsync("Open planning"));
        await _versions.InsertPreReleaseAcceptAsync(parked, 2, _bob);
        await App.Get<SubscriptionHost<AppDbContext>>().WaitForAsync(await App.Get<IEventStore>().ReadHeadAsync(), TimeSpan.FromSeconds(20));
        await _versions.UpgradeAsync(services => services.AddEventTypes<PreReleaseAcceptUpcaster>());

        var alice = await browser.SignInAsync(App, "alice", $"/meetings/{open}");
        await Assertions.Expect(alice.GetByTestId("response-counts")).ToContainTextAsync("0 accepted");
        await App.RunAsync("bob", new AcceptInvitation(open));
        await Assertions.Expect(alice.GetByTestId("response-counts")).ToContainTextAsync("1 accepted");

        await alice.GotoAsync("admin/projections");
        await Browser.WaitForCircuitAsync(alice);
        var rows = alice.GetByTestId("parked-streams").Locator("tbody tr");
        var subscribers = App.Get<SubscriptionHost<AppDbContext>>().Status; // every projection and reactor parks it
        await Assertions.Expect(rows).ToHaveCountAsync(subscribers.Count);
        await Assertions.Expect(rows.First).ToContainTextAsync(MeetingEventTypes.Accepted);
        await Browser.ScreenshotAsync(alice, "projections-parked");
        var left = subscribers.Count;
        foreach (var (subscriber, button) in subscribers.Select(s => (s.Name, s.Kind == SubscriberKind.Reactor ? "Send now" : "Retry")))
        {
            await alice.GetByLabel($"Why ({subscriber},").FillAsync("upgraded: this version reads pre-release answers");
            await alice.GetByRole(AriaRole.Button, new() { Name = $"{button}: {subscriber} #" }).ClickAsync();
            if (--left > 0) await Assertions.Expect(rows).ToHaveCountAsync(left);
        }
        await Assertions.Expect(alice.GetByTestId("no-parked")).ToBeVisibleAsync();

        await alice.GotoAsync($"meetings/{parked}");
        await Assertions.Expect(alice.GetByTestId("response-counts")).ToContainTextAsync("1 accepted");
        await alice.Context.CloseAsync();
    }
}
