using Bunit;
using MeetingsApp.Admin;
using MeetingsApp.EventStore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace MeetingsApp.Tests.Admin;

public sealed class ProjectionsPageTests : BunitTest
{
    [Fact]
    public async Task ShowsEachSubscriberWithItsCheckpointAndLag_AndRebuildsOnRequest()
    {
        SignIn("alice");
        Ctx.Render<MudSnackbarProvider>();
        var head = await Services.Get<IEventStore>().ReadHeadAsync();

        var page = Ctx.Render<ProjectionsPage>();

        page.WaitForAssertion(() => Assert.Equal(head.ToString(), page.Find("[data-testid=head]").TextContent));
        var rows = page.FindAll("tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(rows, r => r.Contains("meetings") && r.Contains("Projection") && r.Contains($"{head}"));
        Assert.Contains(rows, r => r.Contains("meeting-versions") && r.Contains("Projection") && r.Contains($"{head}"));
        Assert.Contains(rows, r => r.Contains("notifications") && r.Contains("Reactor"));
        // Only projections can be rebuilt.
        Assert.Equal(rows.Count(r => r.Contains("Projection")), page.FindAll("button").Count(b => b.TextContent.Trim() == "Rebuild"));
        Assert.Contains(rows, r => r.Contains("free-busy") && r.Contains("Projection"));

        // The page re-renders twice a second: find and click on the renderer's thread, so no render comes in between.
        var snackbar = Ctx.Services.GetRequiredService<ISnackbar>();
        foreach (var name in new[] { "meetings", "meeting-versions" })
        {
            await page.InvokeAsync(() => page.Find($"button[aria-label='Rebuild {name}']").Click());
            page.WaitForAssertion(() => Assert.Contains(snackbar.ShownSnackbars, s => s.Message == $"{name} rebuilt."));
        }
    }
}
