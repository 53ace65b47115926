using System.Security.Claims;
using MeetingsApp.Demo;
using MeetingsApp.EventStore;
using MeetingsApp.Meetings;

namespace MeetingsApp.Tests.Accounts;

/// <summary>The actor is whoever the principal says, and the rules hold even when the UI is bypassed.</summary>
public sealed class CommandAccessTests : DatabaseTest
{
    private static readonly Guid Planning = DemoData.Id("meeting:planning");

    protected override async ValueTask SetUpAsync() => await Services.Provider.SeedDemoDataAsync();

    private MeetingCommandHandler Handler => Services.Get<MeetingCommandHandler>();

    private static ClaimsPrincipal SignedIn(string login) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, DemoData.Id($"user:{login}").ToString())], "test"));

    private async Task<int> VersionOfPlanningAsync() => (await Services.Get<IEventStore>().ReadPayloadsAsync(Planning)).Count;

    [Fact]
    public async Task Bob_CannotCancelAlicesMeeting_EvenCallingTheHandlerDirectly()
    {
        var before = await VersionOfPlanningAsync();

        var result = await Handler.HandleAsync(new CancelMeeting(Planning, "mine now"), SignedIn("bob"), Guid.NewGuid());

        Assert.Equal(MeetingErrorCode.NotOrganizer, result.Error!.Code);
        Assert.Equal(before, await VersionOfPlanningAsync());
    }

    [Fact]
    public async Task SomeoneNotInvited_IsToldTheMeetingDoesNotExist()
    {
        var result = await Handler.HandleAsync(new AcceptInvitation(Planning), SignedIn("erin"), Guid.NewGuid());

        Assert.Equal(MeetingErrorCode.NotFound, result.Error!.Code);
    }

    [Fact]
    public async Task AnAnonymousPrincipal_CannotRunCommands()
    {
        var before = await VersionOfPlanningAsync();

        var result = await Handler.HandleAsync(new CancelMeeting(Planning), new ClaimsPrincipal(new ClaimsIdentity()), Guid.NewGuid());

        Assert.Equal(MeetingErrorCode.NotSignedIn, result.Error!.Code);
        Assert.Equal(before, await VersionOfPlanningAsync());
    }

    [Fact]
    public async Task TheOrganiser_CanCancel_AndTheEventNamesThem()
    {
        var result = await Handler.HandleAsync(new CancelMeeting(Planning), SignedIn("alice"), Guid.NewGuid());

        Assert.True(result.Succeeded);
        var last = (await Services.Get<IEventStore>().ReadStreamAsync(Planning))[^1];
        Assert.Equal(DemoData.Id("user:alice"), last.Metadata.UserId);
        Assert.Equal(DemoData.Id("user:alice"), Assert.IsType<MeetingCancelled>(last.Data).CancelledBy);
    }
}
