using Bunit;
using MeetingsApp.Components.Layout;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace MeetingsApp.Tests.Components.Layout;

public sealed class NavMenuTests : IAsyncDisposable
{
    private readonly BunitContext _ctx = new();

    public NavMenuTests()
    {
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddMudServices();
    }

    private string[] Current(IRenderedComponent<NavMenu> menu) =>
        [.. menu.FindAll("a[aria-current=page]").Select(a => a.TextContent.Trim())];

    [Fact]
    public void OneLinkIsTheCurrentPage_TheLongestTheAddressIsOrIsBelow()
    {
        var navigation = _ctx.Services.GetRequiredService<NavigationManager>();
        var menu = _ctx.Render<NavMenu>(p => p.Add(m => m.Admin, true));

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
        Assert.DoesNotContain("Event log", _ctx.Render<NavMenu>().Markup);

        var menu = _ctx.Render<NavMenu>(p => p.Add(m => m.Admin, true));
        var toggle = menu.Find("button[aria-controls=admin-pages]");
        Assert.Equal("true", toggle.GetAttribute("aria-expanded"));
        Assert.False(menu.Find("#admin-pages").HasAttribute("hidden"));
        Assert.Equal(["Event log", "Projections", "Outbox", "Invite people"], menu.FindAll("#admin-pages a").Select(a => a.TextContent.Trim()));

        toggle.Click();

        Assert.Equal("false", menu.Find("button[aria-controls=admin-pages]").GetAttribute("aria-expanded"));
        Assert.True(menu.Find("#admin-pages").HasAttribute("hidden"));
    }

    public ValueTask DisposeAsync() => _ctx.DisposeAsync();
}
