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

    [Theory]
    [InlineData("Europe/Berlin", "2026-03-29T02:30", "2026-03-29T03:30")]      // 02:00 -> 03:00
    [InlineData("Australia/Lord_Howe", "2026-10-04T02:15", "2026-10-04T02:45")] // 02:00 -> 02:30: half an hour, not a whole one
    [InlineData("Antarctica/Troll", "2026-03-29T01:30", "2026-03-29T03:30")]    // 01:00 -> 03:00: two hours
    public void ATimeTheClocksSkip_MeansTheTimeAsMuchLaterAsTheyJump(string zoneId, string typed, string meant)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);

        var instant = Times.FromZone(DateTime.Parse(typed, CultureInfo.InvariantCulture), zone);

        Assert.Equal(meant, instant.ToLocalInput(zone));
    }

    [Theory]
    [InlineData("America/New_York", "2026-11-01T04:30:00Z", "00:30")]
    [InlineData("America/New_York", "2026-11-01T05:30:00Z", "01:30 (UTC-4)")]      // the first 01:30, on summer time
    [InlineData("America/New_York", "2026-11-01T06:30:00Z", "01:30 (UTC-5)")]      // the second, an hour later
    [InlineData("America/New_York", "2026-11-01T07:30:00Z", "02:30")]
    [InlineData("Australia/Lord_Howe", "2026-04-04T14:45:00Z", "01:45 (UTC+11)")]  // the clocks repeat half an hour there
    [InlineData("Australia/Lord_Howe", "2026-04-04T15:15:00Z", "01:45 (UTC+10:30)")]
    public void ATimeInTheHourTheClocksRepeat_SaysWhichOccurrenceItIs(string zoneId, string utc, string shown)
    {
        var instant = DateTimeOffset.Parse(utc, CultureInfo.InvariantCulture);

        Assert.Equal(shown, instant.UtcDateTime.ShowTime(TimeZoneInfo.FindSystemTimeZoneById(zoneId)));
    }

    [Theory]
    [InlineData("America/New_York", "2026-11-01T01:30", 5)] // 01:30 EDT, not the 01:30 EST an hour later
    [InlineData("Europe/Berlin", "2026-10-25T02:30", 0)]    // 02:30 CEST, not the 02:30 CET an hour later
    public void ATimeTheClocksRepeat_TypedAfresh_MeansTheFirstDaylightOccurrence(string zoneId, string typed, int utcHour)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);

        var instant = Times.FromLocalInput(typed, zone);

        Assert.Equal(utcHour, instant!.Value.UtcDateTime.Hour);
        Assert.Equal(30, instant.Value.UtcDateTime.Minute);
        Assert.Equal(typed, instant.Value.ToLocalInput(zone));
    }

    [Fact]
    public void EveryInstantOfTheNightTheClocksGoBack_ShownInAFieldAndReadBack_IsThatInstant()
    {
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        // 04:00Z to 08:00Z on 1 November 2026: 00:00 EDT to 03:00 EST, through both 01:00-02:00 hours.
        for (var instant = new DateTimeOffset(2026, 11, 1, 4, 0, 0, TimeSpan.Zero); instant.Hour < 8; instant = instant.AddMinutes(15))
            Assert.Equal(instant, Times.FromLocalInput(instant.ToLocalInput(newYork), newYork, filledWith: instant));
    }

    [Fact]
    public void AFieldFilledWithAnInstant_ThenChanged_MeansWhatItNowSays()
    {
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var secondOneThirty = new DateTimeOffset(2026, 11, 1, 6, 30, 0, TimeSpan.Zero); // 01:30 EST

        Assert.Equal(new DateTimeOffset(2026, 11, 1, 5, 45, 0, TimeSpan.Zero), Times.FromLocalInput("2026-11-01T01:45", newYork, secondOneThirty));
        Assert.Null(Times.FromLocalInput("", newYork, secondOneThirty));
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

    [Theory]
    [InlineData("fi-FI")]
    [InlineData("da-DK")]
    public void ATimeValue_KeepsItsColon_InACultureThatWritesTimesWithADot(string culture) => InCulture.Run(culture, () =>
    {
        Assert.Equal("09.00", new TimeOnly(9, 0).ToString("HH:mm")); // the trap, as for datetime-local values

        Assert.Equal("09:00", new TimeOnly(9, 0).ToTimeInput());
        Assert.Equal("23:59", TimeOnly.MaxValue.ToTimeInput());
        Assert.Equal(new TimeOnly(17, 15), Times.TryParseTimeInput("17:15"));
        Assert.Equal(new TimeOnly(17, 15, 30), Times.TryParseTimeInput("17:15:30"));
        Assert.Null(Times.TryParseTimeInput("17.15"));
        Assert.Null(Times.TryParseTimeInput(""));
    });

    [Theory]
    [InlineData("1900-01-01", true)]
    [InlineData("9000-12-31", true)]
    [InlineData("1899-12-31", false)]
    [InlineData("9001-01-01", false)]
    [InlineData("0001-01-01", false)]
    [InlineData("9999-12-31", false)]
    public void ADateFarOutsideAnyCalendar_IsReadLikeNoDate_InQueriesAndFields(string day, bool readable)
    {
        Assert.Equal(readable, Times.TryParseDate(day) is not null);
        Assert.Equal(readable, Times.TryParseLocalInput($"{day}T23:30") is not null);
        Assert.Equal(readable, Times.TryParseInstant($"{day}T12:00:00Z") is not null);
    }

    [Fact]
    public void AnUnknownZone_FallsBackToUtc() => Assert.Equal(TimeZoneInfo.Utc, Times.FindZone("Mars/Olympus_Mons"));
}
