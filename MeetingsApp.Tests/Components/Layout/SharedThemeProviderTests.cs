using Bunit;
using MeetingsApp.Components.Layout;
using MudBlazor;
using MudBlazor.Services;

namespace MeetingsApp.Tests.Components.Layout;

public sealed class SharedThemeProviderTests : IAsyncDisposable
{
    private readonly BunitContext _ctx = new();

    public SharedThemeProviderTests()
    {
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddMudServices();
    }

    /// <summary>The theme's CSS as a provider rendered it: its last style element.</summary>
    private static string ThemeCss<T>(IRenderedComponent<T> provider) where T : MudThemeProvider =>
        provider.FindAll("style").Last().OuterHtml;

    [Theory]
    [InlineData(false, "--mud-native-html-color-scheme: light")]
    [InlineData(true, "--mud-native-html-color-scheme: dark")]
    public void RendersTheThemeAsMudBlazorsOwnProviderDoes_InEitherPalette(bool dark, string scheme)
    {
        var shared = _ctx.Render<SharedThemeProvider>(p => p.Add(t => t.Theme, AppTheme.Theme).Add(t => t.IsDarkMode, dark));
        var mud = _ctx.Render<MudThemeProvider>(p => p.Add(t => t.Theme, AppTheme.Theme).Add(t => t.IsDarkMode, dark));

        Assert.Contains(scheme, ThemeCss(shared));
        Assert.Equal(ThemeCss(mud), ThemeCss(shared));
        Assert.Equal(mud.FindAll("style").First().OuterHtml, shared.FindAll("style").First().OuterHtml); // the scrollbar
    }

    [Fact]
    public void SwitchingPalettes_SwitchesTheCss()
    {
        var provider = _ctx.Render<SharedThemeProvider>(p => p.Add(t => t.Theme, AppTheme.Theme).Add(t => t.IsDarkMode, false));

        provider.Render(p => p.Add(t => t.IsDarkMode, true));
        Assert.Contains("--mud-native-html-color-scheme: dark", ThemeCss(provider));

        provider.Render(p => p.Add(t => t.IsDarkMode, false));
        Assert.Contains("--mud-native-html-color-scheme: light", ThemeCss(provider));
    }

    public ValueTask DisposeAsync() => _ctx.DisposeAsync();
}
