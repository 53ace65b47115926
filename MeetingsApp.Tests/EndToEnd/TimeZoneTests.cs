using MeetingsApp.Demo;
using Microsoft.Playwright;

namespace MeetingsApp.Tests.EndToEnd;

/// <summary>Each person's times in their own zone from the first byte: the prerendered HTML already shows them.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TimeZoneTests(AppServer app, Browser browser) : IClassFixture<AppServer>
{
    [Fact]
    public async Task ABrowserInTokyo_SeesTokyoTimes_InTheFirstHtmlAndAfterInteractivity()
    {
        // Erin has not signed in yet: her first sign-in takes the browser's zone.
        var erin = await browser.SignInAsync(app, "erin", "/profile", timeZone: "Asia/Tokyo");
        await Assertions.Expect(erin.GetByRole(AriaRole.Combobox, new() { Name = "Time zone" })).ToHaveValueAsync("Asia/Tokyo");

        var review = DemoData.Id("meeting:design-review");
        var html = await (await erin.Context.APIRequest.GetAsync($"meetings/{review}")).TextAsync();
        var start = (await app.Get<MeetingsApp.Meetings.MeetingQueries>().GetAsync(review, DemoData.Id("user:erin")))!.Meeting.Start;
        var tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
        var expected = TimeZoneInfo.ConvertTimeFromUtc(start, tokyo).ToString("ddd d MMM yyyy, HH:mm");
        Assert.Contains(expected, html); // before any script ran

        await erin.GotoAsync($"meetings/{review}");
        await Browser.WaitForCircuitAsync(erin);
        await Assertions.Expect(erin.GetByTestId("meeting-when")).ToContainTextAsync(expected);
        await erin.Context.CloseAsync();
    }
}
