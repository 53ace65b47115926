using MeetingsApp.Accounts;

namespace MeetingsApp.Tests.Accounts;

public sealed class ProfilesTests : DatabaseTest
{
    [Fact]
    public async Task TheFirstZoneABrowserReports_IsKept_AndOnlyTheProfilePageChangesItLater()
    {
        var user = await RegisterAsync("Zoe");
        var profiles = Services.Get<Profiles>();

        await profiles.RememberFirstZoneAsync(user, "Not/A_Zone");
        Assert.Null((await profiles.GetAsync(user))!.TimeZone);
        await profiles.RememberFirstZoneAsync(user, "Asia/Tokyo");
        await profiles.RememberFirstZoneAsync(user, "Europe/Berlin"); // a later sign-in elsewhere does not move it
        Assert.Equal("Asia/Tokyo", (await profiles.GetAsync(user))!.TimeZone);

        Assert.Equal("Choose a time zone from the list, such as Europe/Berlin.", await profiles.SaveAsync(user, "Europe/Atlantis", false));
        Assert.Null(await profiles.SaveAsync(user, "America/New_York", emailNotifications: false));
        Assert.Equal(("America/New_York", false), ((await profiles.GetAsync(user))!.TimeZone, (await profiles.GetAsync(user))!.EmailNotifications));
    }
}
