using Bunit;
using MeetingsApp.Data;
using MeetingsApp.Demo;
using MeetingsApp.Live;
using MeetingsApp.Meetings;
using MeetingsApp.Meetings.Pages;
using MeetingsApp.Timeline;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingsApp.Tests.Shared;

/// <summary>
/// A page shows the answer of the read it started last, even when an earlier read, held back on the real database,
/// finishes after it (<see cref="MeetingsApp.Shared.LatestRead"/>).
/// </summary>
public sealed class LatestReadTests : BunitTest
{
    private readonly HeldReads _held = new();

    protected override void Configure(IServiceCollection services) =>
        services.ConfigureDbContext<AppDbContext>(options => options.AddInterceptors(_held));

    /// <summary>A test that failed before releasing its held read does not leave it waiting.</summary>
    protected override async ValueTask TearDownAsync()
    {
        _held.Release();
        await base.TearDownAsync();
    }

    private static string Titles(IRenderedComponent<MyMeetings> page) =>
        page.Find("[data-testid=meeting-list] tbody").TextContent;

    [Fact]
    public async Task MyMeetings_ASearchLeftWhileItWasRead_DoesNotOverwriteTheNextOne()
    {
        SignIn("bob");
        var page = Ctx.Render<MyMeetings>();
        page.WaitForAssertion(() => Assert.Contains("Quarterly roadmap", Titles(page)));
        _held.Marker = "roadmap";

        page.Find("input").Input("roadmap");
        await _held.Held.WaitAsync(TimeSpan.FromSeconds(10), Xunit.TestContext.Current.CancellationToken);
        page.Find("input").Input("sprint");
        page.WaitForAssertion(() => Assert.DoesNotContain("Quarterly roadmap", Titles(page)));
        Assert.Contains("Sprint planning", Titles(page));

        await ReleaseAndWaitForTheLateAnswerAsync(page);
        Assert.Contains("Sprint planning", Titles(page));
        Assert.DoesNotContain("Quarterly roadmap", Titles(page));
    }

    [Fact]
    public async Task MyMeetings_ALiveChangeWhileASearchIsRead_ReadsThePageTheSearchAskedFor()
    {
        var (alice, bob) = (DemoData.Id("user:alice"), DemoData.Id("user:bob"));
        for (var i = 1; i <= 45; i++)
        {
            var scheduled = await Services.Get<MeetingCommandHandler>().HandleAsync(
                new ScheduleMeeting(Guid.NewGuid(), $"Standup {i}", null, DateTimeOffset.UtcNow.AddDays(3).AddHours(i), TimeSpan.FromMinutes(15), [bob]),
                new CommandContext(alice, Guid.NewGuid()));
            Assert.True(scheduled.Succeeded, scheduled.Error?.Message);
        }
        await CaughtUpAsync();
        SignIn("bob");
        var page = Ctx.Render<MyMeetings>();
        page.WaitForAssertion(() => Assert.StartsWith("1-20 of ", Caption(page)));
        page.Find("button[aria-label='Next page']").Click();
        page.WaitForAssertion(() => Assert.StartsWith("21-40 of ", Caption(page)));
        (_held.Marker, _held.Holds) = ("standup", 1);

        page.Find("input").Input("standup"); // asks for the first page of what it finds, held back
        await _held.Held.WaitAsync(TimeSpan.FromSeconds(10), Xunit.TestContext.Current.CancellationToken);
        await page.InvokeAsync(() => page.FindComponent<LiveUpdates>().Instance.CatchUp()); // a change meanwhile reads again

        page.WaitForAssertion(() => Assert.Equal("1-20 of 45", Caption(page)));
        await ReleaseAndWaitForTheLateAnswerAsync(page);
        Assert.Equal("1-20 of 45", Caption(page));
    }

    private static string Caption(IRenderedComponent<MyMeetings> page) => page.Find("[data-testid=meeting-list-page]").TextContent;

    [Fact]
    public async Task AMeetingPage_NavigatedToAnotherMeetingWhileReading_ShowsTheOtherMeeting()
    {
        SignIn("bob");
        var (planning, roadmap) = (DemoData.Id("meeting:planning"), DemoData.Id("meeting:roadmap"));
        _held.Marker = planning.ToString();

        var page = Ctx.Render<MeetingPage>(p => p.Add(x => x.MeetingId, planning));
        await _held.Held.WaitAsync(TimeSpan.FromSeconds(10), Xunit.TestContext.Current.CancellationToken);
        page.Render(p => p.Add(x => x.MeetingId, roadmap));
        page.WaitForAssertion(() => Assert.Contains("Quarterly roadmap", page.Find("[data-testid=meeting-title]").TextContent));

        await ReleaseAndWaitForTheLateAnswerAsync(page);
        Assert.Contains("Quarterly roadmap", page.Find("[data-testid=meeting-title]").TextContent);
    }

    [Fact]
    public async Task ATimelineOpenedAtAVersion_StaysThere_WhenALiveCatchUpOvertakesItsFirstRead()
    {
        SignIn("alice");
        var planning = DemoData.Id("meeting:planning");
        (_held.Marker, _held.Holds) = (planning.ToString(), 1); // the first read's e-mail look-up, after the history
        Ctx.Services.GetRequiredService<NavigationManager>().NavigateTo($"meetings/{planning}/timeline?v=3");
        var page = Ctx.Render<TimelinePage>(p => p.Add(x => x.MeetingId, planning));
        await _held.Held.WaitAsync(TimeSpan.FromSeconds(10), Xunit.TestContext.Current.CancellationToken);

        // What live.js does as soon as the page is drawn.
        await page.FindComponent<LiveUpdates>().Instance.CatchUp();
        page.WaitForAssertion(() => Assert.Equal("Version 3 of 6", page.Find("[data-testid=version]").TextContent.Trim()));

        await ReleaseAndWaitForTheLateAnswerAsync(page);
        Assert.Equal("Version 3 of 6", page.Find("[data-testid=version]").TextContent.Trim());
    }

    [Fact]
    public async Task ALiveChangeTheDatabaseCouldNotRead_DoesNotStopTheNextOneFromShowing()
    {
        SignIn("bob");
        var page = Ctx.Render<MyMeetings>();
        page.WaitForAssertion(() => Assert.Contains("Quarterly roadmap", Titles(page)));
        var live = page.FindComponent<LiveUpdates>().Instance;
        var scheduled = await Services.Get<MeetingCommandHandler>().HandleAsync(
            new ScheduleMeeting(Guid.NewGuid(), "Budget review", null, DateTimeOffset.UtcNow.AddDays(2), TimeSpan.FromMinutes(30), [DemoData.Id("user:bob")]),
            new CommandContext(DemoData.Id("user:alice"), Guid.NewGuid()));
        Assert.True(scheduled.Succeeded);
        await CaughtUpAsync();

        // The read fails; the error stays on the server (live.js would otherwise drop the page's listener for good).
        _held.Failures = 1;
        await live.MeetingChanged(scheduled.Appended!.StreamId, 1, scheduled.Appended.LastPosition);
        Assert.DoesNotContain("Budget review", Titles(page));

        await live.MeetingChanged(scheduled.Appended.StreamId, 1, scheduled.Appended.LastPosition);
        page.WaitForAssertion(() => Assert.Contains("Budget review", Titles(page)));
    }

    /// <summary>
    /// The held read goes on. The page renders once more when the event or parameters that started it are done, but not
    /// only then, so there is also time for the late answer to show, if the page would show it (it is a few milliseconds
    /// of SQLite away, and without <see cref="MeetingsApp.Shared.LatestRead"/> both tests fail here).
    /// </summary>
    private async Task ReleaseAndWaitForTheLateAnswerAsync<T>(IRenderedComponent<T> page) where T : IComponent
    {
        var renders = page.RenderCount;
        _held.Release();
        page.WaitForState(() => page.RenderCount > renders, TimeSpan.FromSeconds(10));
        await Task.Delay(TimeSpan.FromMilliseconds(500), Xunit.TestContext.Current.CancellationToken);
    }
}
