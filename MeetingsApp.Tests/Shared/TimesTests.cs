using System.Globalization;
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

    [Theory]
    [InlineData("fi-FI")]
    [InlineData("da-DK")]
    public void ADateTimeLocalValue_KeepsItsColon_InACultureThatWritesTimesWithADot(string culture)
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var before = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            Assert.Equal("14.00", new DateTime(2026, 12, 10, 14, 0, 0).ToString("HH:mm")); // the trap: ':' is the culture's separator

            var value = new DateTimeOffset(2026, 12, 10, 13, 0, 0, TimeSpan.Zero).ToLocalInput(berlin);

            Assert.Equal("2026-12-10T14:00", value);
            Assert.Equal(new DateTime(2026, 12, 10, 14, 0, 0), Times.TryParseLocalInput(value));
            Assert.Equal(new DateTime(2026, 12, 10, 14, 0, 5), Times.TryParseLocalInput("2026-12-10T14:00:05"));
            Assert.Null(Times.TryParseLocalInput("2026-12-10T14.00"));
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Fact]
    public void AnUnknownZone_FallsBackToUtc() => Assert.Equal(TimeZoneInfo.Utc, Times.FindZone("Mars/Olympus_Mons"));
}
