using MeetingsApp.Shared;

namespace MeetingsApp.Tests.Shared;

/// <summary>Stored in UTC, shown in each person's zone: daylight saving moves the UTC hour, never the wall clock.</summary>
public sealed class TimesTests
{
    [Theory]
    [InlineData("Europe/Berlin", 2026, 3, 26, 8)]    // before the switch (CET, UTC+1)
    [InlineData("Europe/Berlin", 2026, 3, 30, 7)]    // after it (CEST, UTC+2)
    [InlineData("Europe/Berlin", 2026, 10, 23, 7)]   // before the switch back
    [InlineData("Europe/Berlin", 2026, 11, 2, 8)]    // after it
    [InlineData("America/New_York", 2026, 3, 6, 14)] // EST, UTC-5
    [InlineData("America/New_York", 2026, 3, 9, 13)] // EDT, UTC-4 (the US switches on 8 March)
    [InlineData("America/New_York", 2026, 11, 2, 14)]
    public void NineInTheMorningThere_IsStoredAsTheRightUtcInstant_AndShownAsNineAgain(string zoneId, int year, int month, int day, int utcHour)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);

        var stored = Times.FromZone(new DateTime(year, month, day, 9, 0, 0), zone);

        Assert.Equal(new DateTimeOffset(year, month, day, utcHour, 0, 0, TimeSpan.Zero), stored);
        Assert.EndsWith(", 09:00", stored.Show(zone));
    }

    [Fact]
    public void ATimeTheClocksSkip_MeansTheTimeAnHourLater()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

        // 29 March 2026: Berlin's clocks jump from 02:00 to 03:00, so 02:30 never happens; 03:30 CEST is 01:30 UTC.
        Assert.Equal(new DateTime(2026, 3, 29, 1, 30, 0), Times.FromZone(new DateTime(2026, 3, 29, 2, 30, 0), berlin).UtcDateTime);
    }

    [Fact]
    public void AnUnknownZone_FallsBackToUtc() => Assert.Equal(TimeZoneInfo.Utc, Times.FindZone("Mars/Olympus_Mons"));
}
