using System.Globalization;

namespace MeetingsApp.Tests.Shared;

/// <summary>
/// Runs a test under another current culture and puts the one before back, whatever happens. fi-FI is the usual
/// choice: it writes "HH:mm" as 15.00, which a browser's date and time fields discard.
/// </summary>
internal static class InCulture
{
    public static void Run(string culture, Action test) => RunAsync(culture, () => { test(); return Task.CompletedTask; }).GetAwaiter().GetResult();

    public static async Task RunAsync(string culture, Func<Task> test)
    {
        var before = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            await test();
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }
}
