using Bunit;
using MeetingsApp.Demo;
using MeetingsApp.Meetings;
using MeetingsApp.Timeline;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingsApp.Tests.Timeline;

public sealed class MeetingsAsOfPageTests : BunitTest
{
    [Fact]
    public async Task ThePageShown_StaysWhenTheLayoutSetsTheParametersAgain()
    {
        var (bob, alice) = (DemoData.Id("user:bob"), DemoData.Id("user:alice"));
        var handler = Services.Get<MeetingCommandHandler>();
        for (var i = 0; i < 25; i++)
        {
            var result = await handler.HandleAsync(new ScheduleMeeting(Guid.NewGuid(), $"One to one {i}", null, DateTimeOffset.UtcNow.AddDays(2).AddHours(i),
                TimeSpan.FromMinutes(30), [alice]), new CommandContext(bob, Guid.NewGuid()));
            Assert.True(result.Succeeded, result.Error?.Message);
        }
        await CaughtUpAsync();
        SignIn("bob");
        Ctx.Services.GetRequiredService<NavigationManager>().NavigateTo($"meetings/as-of?at={DateTime.UtcNow.AddSeconds(2):yyyy-MM-ddTHH:mm:ssZ}");
        var page = Ctx.Render<MeetingsAsOfPage>();
        page.WaitForAssertion(() => Assert.StartsWith("1-20 of ", page.Find("[data-testid=meeting-list-page]").TextContent));

        page.Find("button[aria-label='Next page']").Click();
        page.WaitForAssertion(() => Assert.StartsWith("21-", page.Find("[data-testid=meeting-list-page]").TextContent));
        page.Render(); // as the layout's cascading values do on its own renders

        Assert.StartsWith("21-", page.Find("[data-testid=meeting-list-page]").TextContent);
    }
}
