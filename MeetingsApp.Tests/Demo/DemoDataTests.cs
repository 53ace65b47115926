using MeetingsApp.Accounts;
using MeetingsApp.Demo;
using MeetingsApp.EventStore;
using MeetingsApp.Meetings;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingsApp.Tests.Demo;

public sealed class DemoDataTests : DatabaseTest
{
    private async Task<Meeting> LoadAsync(string name) =>
        Meeting.Fold(await Services.Get<IEventStore>().ReadPayloadsAsync(DemoData.Id($"meeting:{name}")))!;

    [Fact]
    public async Task TheSeed_WritesUsersAndAHistoryThroughTheCommandPath()
    {
        await Services.Provider.SeedDemoDataAsync();

        await using var scope = Services.Provider.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var alice = await users.FindByEmailAsync("alice@example.com");
        Assert.NotNull(alice);
        Assert.True(await users.CheckPasswordAsync(alice, DemoData.Password));
        Assert.True(await users.IsInRoleAsync(alice, Roles.Admin));
        Assert.False(await users.IsInRoleAsync((await users.FindByEmailAsync("bob@example.com"))!, Roles.Admin));

        Assert.Equal(MeetingStatus.Finished, (await LoadAsync("retrospective")).Status);
        Assert.Equal(MeetingStatus.Cancelled, (await LoadAsync("budget")).Status);
        var planning = await LoadAsync("planning");
        Assert.Equal((MeetingStatus.Scheduled, 14), (planning.Status, planning.Start.Hour));
        Assert.Equal(2, planning.Count(InvitationResponse.Accepted));

        // The story happened in the past, in order.
        var log = await Services.Get<IEventStore>().ReadAllAsync(0, 1_000);
        Assert.Equal(log.Select(e => e.CreatedAt).Order(), log.Select(e => e.CreatedAt));
        Assert.True(log[^1].CreatedAt < Clock.GetUtcNow());
    }

    [Fact]
    public async Task ASecondStart_AddsNothing()
    {
        await Services.Provider.SeedDemoDataAsync();
        var events = (await Services.Get<IEventStore>().ReadAllAsync(0, 1_000)).Count;
        Clock.Advance(TimeSpan.FromDays(1));

        await Services.Provider.SeedDemoDataAsync();

        Assert.Equal(events, (await Services.Get<IEventStore>().ReadAllAsync(0, 1_000)).Count);
        Assert.Equal(5, (await Services.Get<UserDirectory>().SearchAsync("example.com")).Count);
    }
}
