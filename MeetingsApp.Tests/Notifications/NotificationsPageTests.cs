using Bunit;
using MeetingsApp.Demo;
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
}
