using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace MeetingsApp.Tests.Components.Layout;

/// <summary>
/// Pages tell of a refused command through MudBlazor's snackbar (MeetingPageTests checks that they do); screen
/// readers hear it because the snackbar is an alert region. This pins that contract of the MudBlazor version in use.
/// </summary>
public sealed class AnnouncementsTests : BunitContext
{
    public AnnouncementsTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    [Fact]
    public void ARefusedCommandsReason_IsShownInAnAlertRegion()
    {
        var provider = Render<MudSnackbarProvider>();

        provider.InvokeAsync(() => Services.GetRequiredService<ISnackbar>().Add("The meeting is cancelled.", Severity.Error));

        provider.WaitForAssertion(() => Assert.Contains("The meeting is cancelled.", provider.Find("[role=alert]").TextContent));
    }
}
