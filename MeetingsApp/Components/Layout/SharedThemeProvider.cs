using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Components.Rendering;
using MudBlazor;

namespace MeetingsApp.Components.Layout;

/// <summary>
/// <see cref="MudThemeProvider"/>, with the theme's CSS built once per theme and palette and shared by every circuit.
/// MudBlazor builds that CSS (some 12,000 characters) anew for each render, and each open tab kept its own copies in
/// its render tree: about 46 KiB of a tab's memory on the server, for text every tab has alike.
/// </summary>
public sealed class SharedThemeProvider : MudThemeProvider
{
    private static readonly ConditionalWeakTable<MudTheme, string?[]> Css = new();

    private static readonly string Scrollbar = BuildMudBlazorScrollbar();

    // What MudThemeProvider renders: its scrollbar, the hover style of charts, then the theme.
    private const string ChartStyle = "<style>.mud-chart-serie:hover, .mud-chart-serie-hovered { filter: url(#lighten); }</style>";

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        if (!DefaultScrollbar) builder.AddMarkupContent(0, Scrollbar);
        builder.AddMarkupContent(1, ChartStyle);
        var theme = GetTheme();
        var palettes = Css.GetValue(theme, _ => new string?[2]);
        // The parameter, not MudBlazor's state behind it (which its analyser asks for but keeps private): the layout binds
        // it, so a change the provider makes (the system's dark mode) comes back as the parameter before the next render.
#pragma warning disable MUD0010
        var dark = IsDarkMode ? 1 : 0;
#pragma warning restore MUD0010
        builder.AddMarkupContent(2, palettes[dark] ??= BuildTheme());
    }
}
