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

        Assert.Equal(new ProfileProblems("Choose a time zone from the list, such as Europe/Berlin.", null),
            await profiles.SaveAsync(user, Settings("Europe/Atlantis", emailNotifications: false)));
        Assert.Null(await profiles.SaveAsync(user, Settings("America/New_York", emailNotifications: false)));
        Assert.Equal(("America/New_York", false), ((await profiles.GetAsync(user))!.TimeZone, (await profiles.GetAsync(user))!.EmailNotifications));
    }

    [Fact]
    public async Task WorkingHours_DefaultToMondayToFridayNineToFive_InThePersonsZone_AndNonsenseIsRefused()
    {
        var user = await RegisterAsync("Zoe");
        var profiles = Services.Get<Profiles>();
        await profiles.RememberFirstZoneAsync(user, "Asia/Tokyo");
        Assert.Equal(new WorkingHours(TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo"), WorkDays.MondayToFriday, new(9, 0), new(17, 0)),
            (await profiles.WorkingHoursAsync([user]))[user]);

        Assert.Equal(new ProfileProblems(null, "Choose at least one working day."), await profiles.SaveAsync(user, Settings("Asia/Tokyo", days: WorkDays.None)));
        Assert.Equal(new ProfileProblems(null, "Working hours must end after they start."),
            await profiles.SaveAsync(user, Settings("Asia/Tokyo", days: WorkDays.Monday, from: new(17, 0), to: new(9, 0))));
        Assert.Null(await profiles.SaveAsync(user, Settings("Asia/Tokyo", days: WorkDays.Saturday | WorkDays.Sunday, from: new(10, 0), to: new(14, 30))));

        var saved = (await profiles.GetAsync(user))!;
        Assert.Equal((WorkDays.Saturday | WorkDays.Sunday, new TimeOnly(10, 0), new TimeOnly(14, 30)), (saved.WorkDays, saved.WorkStart, saved.WorkEnd));
    }

    [Fact]
    public async Task ASettingThatIsWrong_SavesNoneOfTheOthers()
    {
        var user = await RegisterAsync("Zoe");
        var profiles = Services.Get<Profiles>();
        Assert.Null(await profiles.SaveAsync(user, Settings("Asia/Tokyo")));

        var problems = await profiles.SaveAsync(user, Settings("Europe/Atlantis", emailNotifications: false, days: WorkDays.None));
        Assert.Equal(new ProfileProblems(Profiles.UnknownZone, "Choose at least one working day."), problems);
        Assert.NotNull(await profiles.SaveAsync(user, Settings("Europe/Paris", emailNotifications: false, from: new(18, 0), to: new(8, 0))));

        var kept = (await profiles.GetAsync(user))!;
        Assert.Equal(("Asia/Tokyo", true, WorkDays.MondayToFriday, new TimeOnly(9, 0), new TimeOnly(17, 0)),
            (kept.TimeZone, kept.EmailNotifications, kept.WorkDays, kept.WorkStart, kept.WorkEnd));
    }

    private static ProfileSettings Settings(string zone, bool emailNotifications = true, WorkDays days = WorkDays.MondayToFriday,
        TimeOnly? from = null, TimeOnly? to = null) =>
        new(zone, emailNotifications, days, from ?? new(9, 0), to ?? new(17, 0));
}
