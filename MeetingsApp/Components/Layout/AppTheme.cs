using MudBlazor;

namespace MeetingsApp.Components.Layout;

/// <summary>
/// The app's one theme: MudBlazor's look, with colours changed only where its defaults fall below WCAG 2.1 AA
/// contrast (4.5:1 for text): status colours are used as text on chips and outlined buttons, and as the background
/// of filled buttons, so each is dark enough for white in light mode and light enough for black in dark mode.
/// Fix contrast here, not with one-off styles.
/// </summary>
public static class AppTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Secondary = "#AD1457",
            Success = "#1E6B24",
            Error = "#B71C1C",
            Warning = "#8A4500",
            Info = "#0D5AA7",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#B3ACF5",
            PrimaryContrastText = "#000000",
            Secondary = "#FF8FB4",
            SecondaryContrastText = "#000000",
            Success = "#3DDC97",
            SuccessContrastText = "#000000",
            Error = "#FF9494",
            ErrorContrastText = "#000000",
            Warning = "#FFB74D",
            WarningContrastText = "#000000",
            Info = "#74BDF7",
            InfoContrastText = "#000000",
            TextSecondary = "rgba(255,255,255,0.66)",
            DrawerText = "rgba(255,255,255,0.70)",
            DrawerIcon = "rgba(255,255,255,0.70)",
            ActionDefault = "#C4C4C8",
        },
    };
}
