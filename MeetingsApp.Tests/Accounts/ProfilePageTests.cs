using Bunit;
using MeetingsApp.Accounts;
using MeetingsApp.Demo;
using MeetingsApp.Tests.Shared;

namespace MeetingsApp.Tests.Accounts;

public sealed class ProfilePageTests : BunitTest
{
    [Fact]
    public Task WorkingHours_InFinnish_FillTheTimeFieldsWithValuesTheBrowserReads_AndSaveWhatTheyAreChangedTo() => InCulture.RunAsync("fi-FI", async () =>
    {
        var alice = DemoData.Id("user:alice");
        var profiles = Services.Get<Profiles>();
        Assert.Null(await profiles.SaveWorkingHoursAsync(alice, WorkDays.MondayToFriday, new(8, 30), new(16, 45)));
        SignIn("alice");
        var page = Ctx.Render<ProfilePage>();

        page.WaitForAssertion(() => Assert.Equal(["08:30", "16:45"], page.FindAll("input[type=time]").Select(i => i.GetAttribute("value"))));

        page.FindAll("input[type=time]")[1].Change("17:15");
        await page.FindAll("button").Single(b => b.TextContent.Trim() == "Save").ClickAsync(new());

        var saved = await profiles.GetAsync(alice);
        Assert.Equal((new TimeOnly(8, 30), new TimeOnly(17, 15)), (saved!.WorkStart, saved.WorkEnd));
    });
}
