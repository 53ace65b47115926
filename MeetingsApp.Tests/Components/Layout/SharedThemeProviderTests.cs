using Bunit;
using MeetingsApp.Components.Layout;
using MudBlazor;

namespace MeetingsApp.Tests.Components.Layout;

public sealed class SharedThemeProviderTests : MudComponentTest
{
    /// <summary>The theme's CSS as a provider rendered it: its last style element.</summary>
    private static string ThemeCss<T>(IRenderedComponent<T> provider) where T : MudThemeProvider =>
        provider.FindAll("style").Last().OuterHtml;

    [Theory]
    [InlineData(false, "--mud-native-html-color-scheme: light")]
    [InlineData(true, "--mud-native-html-color-scheme: dark")]
    public void RendersTheThemeAsMudBlazorsOwnProviderDoes_InEitherPalette(bool dark, string scheme)
    {
        var shared = Ctx.Render<SharedThemeProvider>(p => p.Add(t => t.Theme, AppTheme.Theme).Add(t => t.IsDarkMode, dark));
        var mud = Ctx.Render<MudThemeProvider>(p => p.Add(t => t.Theme, AppTheme.Theme).Add(t => t.IsDarkMode, dark));

        Assert.Contains(scheme, ThemeCss(shared));
        Assert.Equal(ThemeCss(mud), ThemeCss(shared));
        Assert.Equal(mud.FindAll("style").First().OuterHtml, shared.FindAll("style").First().OuterHtml); // the scrollbar
    }

    [Fact]
    public void SwitchingPalettes_SwitchesTheCss()
    {
        var provider = Ctx.Render<SharedThemeProvider>(p => p.Add(t => t.Theme, AppTheme.Theme).Add(t => t.IsDarkMode, false));

        provider.Render(p => p.Add(t => t.IsDarkMode, true));
        Assert.Contains("--mud-native-html-color-scheme: dark", ThemeCss(provider));

        provider.Render(p => p.Add(t => t.IsDarkMode, false));
        Assert.Contains("--mud-native-html-color-scheme: light", ThemeCss(provider));
    }
}
