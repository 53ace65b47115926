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

    [Fact]
    public async Task WorkingHours_DefaultToMondayToFridayNineToFive_InThePersonsZone_AndNonsenseIsRefused()
    {
        var user = await RegisterAsync("Zoe");
        var profiles = Services.Get<Profiles>();
        await profiles.SaveAsync(user, "Asia/Tokyo", emailNotifications: true);
        Assert.Equal(new WorkingHours(TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo"), WorkDays.MondayToFriday, new(9, 0), new(17, 0)),
            (await profiles.WorkingHoursAsync([user]))[user]);

        Assert.Equal("Choose at least one working day.", await profiles.SaveWorkingHoursAsync(user, WorkDays.None, new(9, 0), new(17, 0)));
        Assert.Equal("Working hours must end after they start.", await profiles.SaveWorkingHoursAsync(user, WorkDays.Monday, new(17, 0), new(9, 0)));
        Assert.Null(await profiles.SaveWorkingHoursAsync(user, WorkDays.Saturday | WorkDays.Sunday, new(10, 0), new(14, 30)));

        var saved = (await profiles.GetAsync(user))!;
        Assert.Equal((WorkDays.Saturday | WorkDays.Sunday, new TimeOnly(10, 0), new TimeOnly(14, 30)), (saved.WorkDays, saved.WorkStart, saved.WorkEnd));
    }
}
