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
        Assert.Null(await profiles.SaveAsync(alice, new("Europe/Berlin", true, WorkDays.MondayToFriday, new(8, 30), new(16, 45))));
        SignIn("alice");
        var page = Ctx.Render<ProfilePage>();

        page.WaitForAssertion(() => Assert.Equal(["08:30", "16:45"], page.FindAll("input[type=time]").Select(i => i.GetAttribute("value"))));

        page.FindAll("input[type=time]")[1].Change("17:15");
        await page.FindAll("button").Single(b => b.TextContent.Trim() == "Save").ClickAsync(new());

        var saved = await profiles.GetAsync(alice);
        Assert.Equal((new TimeOnly(8, 30), new TimeOnly(17, 15)), (saved!.WorkStart, saved.WorkEnd));
    });

    [Fact]
    public async Task WorkingHoursThatEndBeforeTheyStart_AreRefusedBesideTheHours_AndTheOtherSettingsAreNotSavedEither()
    {
        var alice = DemoData.Id("user:alice");
        var profiles = Services.Get<Profiles>();
        var before = await profiles.GetAsync(alice);
        SignIn("alice");
        var page = Ctx.Render<ProfilePage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("input[type=time]").Count));

        page.Find("input[data-testid=email-switch]").Change(!before!.EmailNotifications);
        page.FindAll("input[type=time]")[0].Change("18:00");
        page.FindAll("input[type=time]")[1].Change("08:00");
        await page.FindAll("button").Single(b => b.TextContent.Trim() == "Save").ClickAsync(new());

        Assert.Equal("Working hours must end after they start.", page.Find("[data-testid=hours-error]").TextContent);
        Assert.Equal(before, await profiles.GetAsync(alice));
    }
}
