using Bunit;
using MeetingsApp.EventStore;
using MeetingsApp.Meetings;
using MeetingsApp.Meetings.Pages;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace MeetingsApp.Tests.Meetings.Pages;

public sealed class ScheduleMeetingPageTests : BunitTest
{
    private IRenderedComponent<MudPopoverProvider> _popovers = null!;

    private IRenderedComponent<ScheduleMeetingPage> RenderForm()
    {
        SignIn("alice");
        _popovers = Ctx.Render<MudPopoverProvider>();
        return Ctx.Render<ScheduleMeetingPage>();
    }

    private static AngleSharp.Dom.IElement Field(IRenderedComponent<ScheduleMeetingPage> page, string label) =>
        page.FindAll(".mud-input-control").Single(c => c.QuerySelector("label")?.TextContent.Trim() == label).QuerySelector("input, textarea")!;

    private async Task<long> HeadAsync() => await Services.Get<IEventStore>().ReadHeadAsync();

    [Fact]
    public void EveryFieldAndTheButton_HaveTheirNames()
    {
        var page = RenderForm();

        foreach (var label in new[] { "Title", "Description", "Start", "Duration", "Invitees" }) Assert.NotNull(Field(page, label));
        Assert.Single(page.FindAll("button"), b => b.TextContent.Trim() == "Schedule");
    }

    [Fact]
    public void ABlankTitle_IsReportedBesideTheField_AsYouType()
    {
        var page = RenderForm();

        Field(page, "Title").Input("x");
        Field(page, "Title").Input("   ");

        page.WaitForAssertion(() => Assert.Contains("Title is required.", page.Markup));
    }

    [Fact]
    public void AStartInThePast_IsReportedBesideTheField()
    {
        var page = RenderForm();

        Field(page, "Start").Input("2020-01-01T10:00");

        page.WaitForAssertion(() => Assert.Contains("The start must be at least 5 minutes from now.", page.Markup));
    }

    [Fact]
    public async Task SubmittingWithoutInvitees_ShowsWhy_AndSchedulesNothing()
    {
        var page = RenderForm();
        var head = await HeadAsync();
        Field(page, "Title").Input("Lonely meeting");

        await page.FindAll("button").Single(b => b.TextContent.Trim() == "Schedule").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("Invite at least one person.", page.Markup));
        Assert.Equal(head, await HeadAsync());
    }

    [Fact]
    public async Task AValidForm_SchedulesOnce_EvenWhenSubmittedTwice_AndOpensTheMeeting()
    {
        var page = RenderForm();
        Field(page, "Title").Input("Coffee");
        Field(page, "Invitees").Input("Bob");
        // The suggestions open in the popover layer, as in the browser.
        _popovers.WaitForAssertion(() => Assert.Contains(_popovers.FindAll(".mud-list-item"), i => i.TextContent.Contains("Bob Brown")));
        await _popovers.FindAll(".mud-list-item").First(i => i.TextContent.Contains("Bob Brown")).ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains("Bob Brown", page.Find(".mud-chipset").TextContent));
        var head = await HeadAsync();

        var schedule = page.FindAll("button").Single(b => b.TextContent.Trim() == "Schedule");
        await schedule.ClickAsync(new());
        await page.FindAll("button").Single(b => b.TextContent.Trim() == "Schedule").ClickAsync(new());

        var log = await Services.Get<IEventStore>().ReadAllAsync(head, 10);
        var scheduled = Assert.IsType<MeetingScheduled>(Assert.Single(log).Data);
        Assert.Equal("Coffee", scheduled.Title);
        Assert.EndsWith($"meetings/{scheduled.MeetingId}", Ctx.Services.GetRequiredService<NavigationManager>().Uri);
    }
}
