using Bunit;
using MeetingsApp.Meetings.Pages;

namespace MeetingsApp.Tests.Meetings.Pages;

public sealed class MyMeetingsTests : BunitTest
{
    [Fact]
    public void Upcoming_ListsTheUsersMeetingsSoonestFirst_WithTheirPartInEach()
    {
        SignIn("bob");

        var page = Ctx.Render<MyMeetings>();

        page.WaitForAssertion(() =>
        {
            var titles = page.FindAll("[data-testid=meeting-list] tbody tr td:first-child").Select(td => td.TextContent.Trim()).ToList();
            Assert.Equal(["Design review: calendar sync", "Sprint planning", "Quarterly roadmap"], titles);
        });
        Assert.Contains("Organiser", page.Find("tbody tr").TextContent);
        Assert.DoesNotContain("Budget sync", page.Markup);
    }

    [Fact]
    public void TheCancelledTab_ShowsCancelledMeetings()
    {
        SignIn("bob");
        var page = Ctx.Render<MyMeetings>();

        page.FindAll("button").Single(b => b.TextContent.Trim() == "Cancelled").Click();

        page.WaitForAssertion(() => Assert.Contains("Budget sync", page.Find("[data-testid=meeting-list] tbody").TextContent));
        Assert.DoesNotContain("Sprint planning", page.Find("[data-testid=meeting-list] tbody").TextContent);
    }

    [Fact]
    public void Search_FiltersByTitle()
    {
        SignIn("alice");
        var page = Ctx.Render<MyMeetings>();

        page.Find("input").Input("plan");

        page.WaitForAssertion(() =>
        {
            var body = page.Find("[data-testid=meeting-list] tbody").TextContent;
            Assert.Contains("Sprint planning", body);
            Assert.DoesNotContain("Quarterly roadmap", body);
        });
    }

    [Fact]
    public void SomeoneElsesMeetings_AreNotListed()
    {
        SignIn("erin");

        var page = Ctx.Render<MyMeetings>();

        page.WaitForAssertion(() => Assert.Contains("Quarterly roadmap", page.Markup));
        Assert.DoesNotContain("Sprint planning", page.Markup);
    }
}
