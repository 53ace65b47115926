using Bunit;
using MeetingsApp.Meetings.Pages;

namespace MeetingsApp.Tests.Meetings.Pages;

public sealed class InvitationsTests : BunitTest
{
    [Fact]
    public void PendingInvitations_AreListed_WithAcceptAndDecline()
    {
        SignIn("alice");

        var page = Ctx.Render<Invitations>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=invitation]").Count));
        Assert.Contains("Design review: calendar sync", page.Markup);
        Assert.Contains("Quarterly roadmap", page.Markup);
        Assert.Equal(2, page.FindAll("button").Count(b => b.TextContent.Trim() == "Accept"));
    }

    [Fact]
    public async Task Answering_TakesTheInvitationOffTheList()
    {
        SignIn("alice");
        var page = Ctx.Render<Invitations>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=invitation]").Count));

        await page.FindAll("[data-testid=invitation]").First().QuerySelectorAll("button").First(b => b.TextContent.Trim() == "Decline").ClickAsync(new());
        await CaughtUpAsync();

        var reloaded = Ctx.Render<Invitations>();
        reloaded.WaitForAssertion(() => Assert.Single(reloaded.FindAll("[data-testid=invitation]")));
    }

    [Fact]
    public void SomeoneWithNothingPending_IsToldSo()
    {
        SignIn("erin");

        var page = Ctx.Render<Invitations>();

        page.WaitForAssertion(() => Assert.Contains("No invitations are waiting for your answer.", page.Markup));
    }
}
