using Bunit;
using MeetingsApp.Demo;
using MeetingsApp.Meetings;
using MeetingsApp.Notifications;

namespace MeetingsApp.Tests.Notifications;

public sealed class NotificationsPageTests : BunitTest
{
    [Fact]
    public void TheInbox_ReadsAsSentences_NewestFirst()
    {
        SignIn("dave");

        var page = Ctx.Render<NotificationsPage>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=notification]")));
        var texts = page.FindAll("[data-testid=notification]").Select(n => n.TextContent).ToList();
        Assert.Contains(texts, t => t.Contains("Alice Anderson moved “Sprint planning” to"));
        Assert.Contains("Alice Anderson invited you to “Sprint planning”", texts[^1]);
    }

    [Fact]
    public async Task MarkAllAsRead_ClearsTheUnreadCount()
    {
        SignIn("dave");
        var page = Ctx.Render<NotificationsPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=notification]")));

        await page.FindAll("button").Single(b => b.TextContent.Trim() == "Mark all as read").ClickAsync(new());

        Assert.Equal(0, await Services.Get<NotificationInbox>().UnreadCountAsync(DemoData.Id("user:dave")));
        page.WaitForAssertion(() => Assert.True(page.FindAll("button").Single(b => b.TextContent.Trim() == "Mark all as read").HasAttribute("disabled")));
    }

    /// <summary>Dave proposes, Alice dismisses, Dave proposes again, Alice accepts; returns the proposed day as a reader in UTC sees it.</summary>
    private async Task<string> ProposalStoryAsync()
    {
        var planning = DemoData.Id("meeting:planning");
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());
        var at = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(6).AddHours(9);
        async Task Do<T>(T command, string who) where T : IMeetingCommand<T> =>
            Assert.True((await Services.Get<MeetingCommandHandler>().HandleAsync(command, new CommandContext(DemoData.Id($"user:{who}"), Guid.NewGuid()))).Succeeded);
        await Do(new ProposeNewTime(planning, first, at, TimeSpan.FromMinutes(45), "Clash with standup"), "dave");
        await Do(new DismissProposal(planning, first, "The room is taken"), "alice");
        await Do(new ProposeNewTime(planning, second, at.AddHours(1)), "dave");
        await Do(new AcceptProposal(planning, second), "alice");
        await CaughtUpAsync();
        return $"{at.UtcDateTime:ddd d MMM yyyy}";
    }

    private List<string> InboxOf(string login)
    {
        SignIn(login);
        var page = Ctx.Render<NotificationsPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=notification]")));
        return [.. page.FindAll("[data-testid=notification]").Select(n => n.TextContent)];
    }

    [Fact]
    public async Task TheProposer_ReadsOfTheDismissalAndTheAcceptance()
    {
        var when = await ProposalStoryAsync();

        var told = InboxOf("dave");

        Assert.Contains($"Alice Anderson accepted your proposal: “Sprint planning” is now at {when}, 10:00, and you are down as accepted", told[0]);
        Assert.Contains($"Alice Anderson dismissed your proposal of {when}, 09:00 (45 min) for “Sprint planning”: The room is taken", told[1]);
    }

    [Fact]
    public async Task TheOrganiser_ReadsWhoProposedWhat()
    {
        var when = await ProposalStoryAsync();

        var told = InboxOf("alice");

        Assert.Contains($"Dave Davis proposed {when}, 10:00 (1 h 30 min) for “Sprint planning”", told[0]);
        Assert.Contains($"Dave Davis proposed {when}, 09:00 (45 min) for “Sprint planning”: “Clash with standup”", told[1]);
    }
}
