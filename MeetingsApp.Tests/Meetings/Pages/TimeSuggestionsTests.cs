using Bunit;
using MeetingsApp.Accounts;
using MeetingsApp.Calendar;
using MeetingsApp.Meetings;
using MeetingsApp.Meetings.Pages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MeetingsApp.Tests.Meetings.Pages;

public sealed class TimeSuggestionsTests : BunitTest
{
    // Someone free and at work around the clock: the earliest suggestion is then the first half hour the search allows.
    private static readonly Availability AlwaysFree = new(new WorkingHours(TimeZoneInfo.Utc, (WorkDays)127, TimeOnly.MinValue, TimeOnly.MaxValue), []);

    [Theory]
    [InlineData(0)]
    [InlineData(12)]  // the lead time alone would suggest 10:30, refused from 10:25 on
    [InlineData(24)]
    [InlineData(25)]
    [InlineData(29)]
    public async Task TheEarliestSuggestion_PickedAndSubmittedAQuarterOfAnHourLater_IsStillAccepted(int minutesPastTen)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2027, 3, 2, 10, minutesPastTen, 0, TimeSpan.Zero));
        Ctx.Services.AddSingleton<TimeProvider>(clock);
        Ctx.Services.AddSingleton<IFreeBusy>(new FixedFreeBusy((from, length) =>
            SlotFinder.Find([AlwaysFree], length, from.UtcDateTime, from.UtcDateTime.AddDays(1), TimeSuggestions.Count)));
        var picked = new List<DateTimeOffset>();
        var suggestions = Ctx.Render<TimeSuggestions>(p => p
            .Add(s => s.People, [Guid.NewGuid()]).Add(s => s.Duration, TimeSpan.FromHours(1)).Add(s => s.Picked, picked.Add));

        await suggestions.Find("button").ClickAsync(new());
        await suggestions.WaitForElement("[data-testid=suggested-time]").ClickAsync(new());
        clock.Advance(TimeSuggestions.TimeToChoose);

        var start = Assert.Single(picked);
        Assert.True(start.Minute % 30 == 0, $"{start:HH:mm} is on the half-hour grid");
        var result = new RescheduleMeetingValidator(clock).Validate(new RescheduleMeeting(Guid.NewGuid(), start));
        Assert.True(result.IsValid, $"{start:HH:mm} picked at {clock.GetUtcNow():HH:mm}: {result}");
    }
}
