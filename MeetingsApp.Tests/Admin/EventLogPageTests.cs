using Bunit;
using MeetingsApp.Admin;
using MeetingsApp.Demo;
using MeetingsApp.EventStore;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace MeetingsApp.Tests.Admin;

public sealed class EventLogPageTests : BunitTest
{
    private void Open(string uri)
    {
        SignIn("alice");
        Ctx.Services.GetRequiredService<NavigationManager>().NavigateTo(uri);
    }

    [Fact]
    public void TheLog_IsListedNewestFirst_WithADailyChart()
    {
        Open("events");

        var page = Ctx.Render<EventLogPage>();

        page.WaitForAssertion(() => Assert.Equal(21, page.FindAll("[data-testid=event-log] tbody tr").Count));
        var positions = page.FindAll("[data-testid=event-log] tbody tr td:first-child").Select(td => long.Parse(td.TextContent)).ToList();
        Assert.Equal(positions.OrderDescending(), positions);
        Assert.NotNull(page.Find("svg"));
    }

    [Fact]
    public void FiltersFromTheUrl_Combine()
    {
        Open($"events?type=invitation_accepted&user=bob%40example.com&meeting={DemoData.Id("meeting:planning")}");

        var page = Ctx.Render<EventLogPage>();

        // Bob accepted the planning twice: before it moved, and again after.
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=event-log] tbody tr").Count));
        Assert.All(page.FindAll("[data-testid=event-log] tbody tr"), row => Assert.Contains("invitation_accepted", row.TextContent));
        Assert.All(page.FindAll("[data-testid=event-log] tbody tr"), row => Assert.Contains("Bob Brown", row.TextContent));
    }

    [Fact]
    public async Task TheFilterPanel_PutsItsFiltersInTheUrl()
    {
        Open("events");
        Ctx.Render<MudPopoverProvider>();
        var page = Ctx.Render<EventLogPage>();
        page.WaitForAssertion(() => Assert.Equal(21, page.FindAll("[data-testid=event-log] tbody tr").Count));

        var panel = page.FindComponent<EventLogFilters>();
        panel.Instance.Query.Type = "meeting_cancelled";
        panel.FindAll("input").Single(i => i.ParentElement!.ParentElement!.TextContent.Contains("Acting user")).Change("carol@example.com");
        await panel.FindAll("button").Single(b => b.TextContent.Trim() == "Apply filters").ClickAsync(new());

        var uri = Ctx.Services.GetRequiredService<NavigationManager>().Uri;
        Assert.EndsWith("events?type=meeting_cancelled&user=carol@example.com", Uri.UnescapeDataString(uri));
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=event-log] tbody tr")));
    }

    [Fact]
    public void ARowExpands_ToItsPrettyDataAndMeta_WithTheMetadataLinks()
    {
        Open("events");
        var page = Ctx.Render<EventLogPage>();
        page.WaitForAssertion(() => Assert.Equal(21, page.FindAll("[data-testid=event-log] tbody tr").Count));

        page.FindAll("button").Last(b => b.TextContent.Trim() == "Details").Click(); // the oldest: the retrospective scheduled

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=event-details]")));
        var details = page.Find("[data-testid=event-details]");
        Assert.Contains("\"title\": \"Sprint retrospective\"", page.Find("[data-testid=event-data]").TextContent);
        Assert.Contains("\"commandId\"", page.Find("[data-testid=event-meta]").TextContent);
        Assert.Contains("Stored as schema version 3", details.TextContent);
        Assert.Contains(details.QuerySelectorAll("a"), a => a.TextContent == "Same correlation" && a.GetAttribute("href")!.StartsWith("events?correlation="));
        Assert.Contains(details.QuerySelectorAll("a"), a => a.TextContent == "Caused by");
    }

    [Fact]
    public void ARowWrittenInAnOlderShape_SaysItWasUpcast()
    {
        var row = new StoredEvent
        {
            Id = 1, EntityId = Guid.NewGuid(), EntityType = "Meeting", EventType = "meeting_scheduled", EntityVersion = 1, SchemaVersion = 1,
            Data = """{"title":"Old","durationMinutes":30}""", Meta = "{}", CreatedAt = DateTime.UtcNow,
        };

        var details = Ctx.Render<EventRowDetails>(p => p.Add(x => x.Row, row));

        Assert.Contains("Read through upcasters as version 3.", details.Find("[data-testid=upcast]").TextContent);
    }
}
