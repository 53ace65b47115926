using Bunit;
using MeetingsApp.Data;
using MeetingsApp.Demo;
using MeetingsApp.Email;
using MeetingsApp.Shared;
using MeetingsApp.Tests.Shared;
using MeetingsApp.Timeline;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingsApp.Tests.Timeline;

public sealed class TimelinePageTests : BunitTest
{
    private static readonly Guid Planning = DemoData.Id("meeting:planning"); // scheduled, bob, carol, moved, carol again

    private IRenderedComponent<TimelinePage> Render(int? version = null)
    {
        SignIn("alice");
        if (version is { } v) Ctx.Services.GetRequiredService<NavigationManager>().NavigateTo($"meetings/{Planning}/timeline?v={v}");
        return Ctx.Render<TimelinePage>(p => p.Add(x => x.MeetingId, Planning));
    }

    private static string Text(IRenderedComponent<TimelinePage> page, string testId) => page.Find($"[data-testid={testId}]").TextContent.Trim();

    [Fact]
    public void WithoutAVersion_ItShowsTheLatestState()
    {
        var page = Render();

        page.WaitForAssertion(() => Assert.Equal("Version 6 of 6", Text(page, "version")));
        Assert.Equal(6, page.FindAll("[data-testid=timeline-event]").Count);
        Assert.Contains("14:00", Text(page, "state-start"));
    }

    /// <summary>Under the scheduling, each invitation's fate: refused for good (final), or not delivered yet and still being tried.</summary>
    [Fact]
    public async Task AnInvitationTheServerRefused_AndOneStillBeingTried_AreToldApart()
    {
        await using (var db = await Services.Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
        {
            var first = await db.Set<OutboxMessage>().Where(m => m.MeetingId == Planning).MinAsync(m => m.EventPosition);
            var rows = db.Set<OutboxMessage>().Where(m => m.MeetingId == Planning && m.EventPosition == first);
            await rows.Where(m => m.RecipientId == DemoData.Id("user:bob")).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Failed).SetProperty(m => m.Attempts, 1).SetProperty(m => m.LastError, "550 No such mailbox"));
            await rows.Where(m => m.RecipientId == DemoData.Id("user:carol")).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Pending).SetProperty(m => m.Attempts, 2).SetProperty(m => m.LastError, "451 Try again later")
                .SetProperty(m => m.NextAttemptAt, DateTime.UtcNow.AddDays(1)));
        }

        var page = Render();

        page.WaitForAssertion(() => Assert.Contains(page.FindAll("[data-testid=event-outcome]"), o => o.TextContent.Contains("Bob")));
        var outcomes = page.FindAll("[data-testid=event-outcome]").Select(o => o.TextContent.Trim()).ToList();
        Assert.Contains(outcomes, o => o.Contains("invitation to Bob Brown: refused by the mail server: 550 No such mailbox"));
        Assert.Contains(outcomes, o => o.Contains("invitation to Carol") && o.Contains("not delivered yet after 2 tries, retrying: 451 Try again later"));
    }

    [Fact]
    public void MovingTheSlider_ShowsThatVersion_AndHighlightsWhatItChanged()
    {
        var page = Render();
        page.WaitForAssertion(() => Assert.Equal("Version 6 of 6", Text(page, "version")));

        page.Find("input[type=range]").Input("1");

        page.WaitForAssertion(() => Assert.Equal("Version 1 of 6", Text(page, "version")));
        Assert.All(page.FindAll("[data-testid=state-invitee]"), i => Assert.EndsWith("Pending", i.TextContent.Trim()));
        Assert.Contains("10:00", Text(page, "state-start"));

        page.Find("input[type=range]").Input("4");

        page.WaitForAssertion(() => Assert.Contains("14:00", Text(page, "state-start")));
        Assert.Contains("changed", page.Find("[data-testid=state-start]").ClassList);
        Assert.DoesNotContain("changed", page.Find("[data-testid=state-title]").ClassList);
        Assert.EndsWith("?v=4", Ctx.Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public void TheArrowKeys_StepOneEventAtATime()
    {
        var page = Render(version: 3);
        page.WaitForAssertion(() => Assert.Equal("Version 3 of 6", Text(page, "version")));

        page.Find(".timeline-scrubber").KeyDown("ArrowLeft");
        page.WaitForAssertion(() => Assert.Equal("Version 2 of 6", Text(page, "version")));
        page.Find(".timeline-scrubber").KeyDown("ArrowRight");
        page.Find(".timeline-scrubber").KeyDown("ArrowRight");

        page.WaitForAssertion(() => Assert.Equal("Version 4 of 6", Text(page, "version")));
    }

    [Fact]
    public void ShowData_RevealsThePayloadAndMetadata()
    {
        var page = Render();
        page.WaitForAssertion(() => Assert.Equal(6, page.FindAll("[data-testid=timeline-event]").Count));

        var buttons = page.FindAll("button").Where(b => b.TextContent.Trim() == "Show data").ToList();
        // Each is named after its event, so a list of the page's buttons tells them apart.
        Assert.Equal(6, buttons.Select(b => b.GetAttribute("aria-label")).Distinct().Count());
        Assert.StartsWith("Show data of version 1: ", buttons[0].GetAttribute("aria-label"));
        Assert.Equal("false", buttons[0].GetAttribute("aria-expanded"));
        buttons[0].Click();

        page.WaitForAssertion(() => Assert.Contains("\"title\": \"Sprint planning\"", page.Find("pre.timeline-data").TextContent));
        Assert.Contains("\"commandId\"", page.FindAll("pre.timeline-data")[1].TextContent);
        var hide = page.FindAll("button").Single(b => b.TextContent.Trim() == "Hide data");
        Assert.Equal("true", hide.GetAttribute("aria-expanded"));
        Assert.Equal(buttons[0].GetAttribute("aria-label")!.Replace("Show", "Hide"), hide.GetAttribute("aria-label"));
    }

    [Fact]
    public Task AsItWasAt_InFinnish_ReadsTheFieldsValue_AndShowsTheVersionOfThatMoment() => InCulture.RunAsync("fi-FI", async () =>
    {
        // Half an hour after the move (version 4), well before Carol answers again two hours after it.
        var moved = (await Services.Get<MeetingHistory>().GetAsync(Planning, DemoData.Id("user:alice")))!.At(4).Event.CreatedAt;
        var page = Render();
        page.WaitForAssertion(() => Assert.Equal("Version 6 of 6", Text(page, "version")));

        page.Find("input[type=datetime-local]").Change(moved.AddMinutes(30).ToLocalInput(TimeZoneInfo.Utc));
        await page.FindAll("button").Single(b => b.TextContent.Trim() == "Show").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Equal("Version 4 of 6", Text(page, "version")));
    });

    [Fact]
    public async Task AsItWasAt_ADayPastTheReadableRange_AsksForADateAgain_RatherThanReadingItAsTheEndOfTime()
    {
        // 23:30 on the last day of 9999 in New York is past the last instant a DateTime holds, which converting it quietly gives.
        Ctx.Services.AddCascadingValue(_ => TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));
        var page = Render();
        page.WaitForAssertion(() => Assert.Equal("Version 6 of 6", Text(page, "version")));

        page.Find("input[type=datetime-local]").Change("9999-12-31T23:30");
        await page.FindAll("button").Single(b => b.TextContent.Trim() == "Show").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("Enter a date and time.", page.Markup));
        Assert.Equal("Version 6 of 6", Text(page, "version"));
    }
}
