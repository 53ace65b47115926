using Bunit;
using MeetingsApp.Components.Layout;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingsApp.Tests.Components.Layout;

public sealed class NavMenuTests : MudComponentTest
{
    private static string[] Current(IRenderedComponent<NavMenu> menu) =>
        [.. menu.FindAll("a[aria-current=page]").Select(a => a.TextContent.Trim())];

    [Fact]
    public void OneLinkIsTheCurrentPage_TheLongestTheAddressIsOrIsBelow()
    {
        var navigation = Ctx.Services.GetRequiredService<NavigationManager>();
        var menu = Ctx.Render<NavMenu>(p => p.Add(m => m.Admin, true));

        navigation.NavigateTo("meetings/5f0e8a52-0000-0000-0000-000000000000?v=3");
        menu.WaitForAssertion(() => Assert.Equal(["My meetings"], Current(menu)));
        Assert.Contains("active", menu.Find("a[aria-current=page]").ClassList);

        navigation.NavigateTo("calendar");
        menu.WaitForAssertion(() => Assert.Equal(["Calendar"], Current(menu)));

        navigation.NavigateTo("admin/outbox");
        menu.WaitForAssertion(() => Assert.Equal(["Outbox"], Current(menu)));

        navigation.NavigateTo("meetings/new");
        menu.WaitForAssertion(() => Assert.Equal(["Schedule"], Current(menu)));
        Assert.Equal(["Schedule"], menu.FindAll("a.active").Select(a => a.TextContent.Trim()));

        navigation.NavigateTo("meetings-archive");
        menu.WaitForAssertion(() => Assert.Empty(Current(menu)));
    }

    [Fact]
    public void TheAdminPages_ShowOnlyForAnAdmin_InAGroupThatFoldsAway()
    {
        Assert.DoesNotContain("Event log", Ctx.Render<NavMenu>().Markup);

        var menu = Ctx.Render<NavMenu>(p => p.Add(m => m.Admin, true));
        var toggle = menu.Find("button[aria-controls=admin-pages]");
        Assert.Equal("true", toggle.GetAttribute("aria-expanded"));
        Assert.False(menu.Find("#admin-pages").HasAttribute("hidden"));
        Assert.Equal(["Event log", "Projections", "Outbox", "Invite people"], menu.FindAll("#admin-pages a").Select(a => a.TextContent.Trim()));

        toggle.Click();

        Assert.Equal("false", menu.Find("button[aria-controls=admin-pages]").GetAttribute("aria-expanded"));
        Assert.True(menu.Find("#admin-pages").HasAttribute("hidden"));
    }
}
