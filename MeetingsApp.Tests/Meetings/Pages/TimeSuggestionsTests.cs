using Bunit;
using MeetingsApp.Meetings;
using MeetingsApp.Meetings.Pages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MeetingsApp.Tests.Meetings.Pages;

/// <summary>"Suggest times" on the real free/busy search, over the demo database.</summary>
public sealed class TimeSuggestionsTests : BunitTest
{
    // What the person is promised, written out rather than read from TimeSuggestions.TimeToChoose, so shrinking that fails here.
    private static readonly TimeSpan AQuarterOfAnHour = TimeSpan.FromMinutes(15);

    [Theory]
    [InlineData(0)]
    [InlineData(12)]  // the lead time alone would suggest 10:30, refused from 10:25 on
    [InlineData(24)]
    [InlineData(25)]
    [InlineData(29)]
    public async Task TheEarliestSuggestion_PickedAndSubmittedAQuarterOfAnHourLater_IsStillAccepted(int minutesPastTen)
    {
        // March 2027 is far from the demo story's meetings, and this person takes part in none of them anyway.
        var person = await Services.Provider.CreateUserAtWorkAroundTheClockAsync("UTC");
        var clock = new FakeTimeProvider(new DateTimeOffset(2027, 3, 2, 10, minutesPastTen, 0, TimeSpan.Zero));
        Ctx.Services.AddSingleton<TimeProvider>(clock);
        var picked = new List<DateTimeOffset>();
        var suggestions = Ctx.Render<TimeSuggestions>(p => p
            .Add(s => s.People, [person]).Add(s => s.Duration, TimeSpan.FromHours(1)).Add(s => s.Picked, picked.Add));

        await suggestions.Find("button").ClickAsync(new());
        await suggestions.WaitForElement("[data-testid=suggested-time]").ClickAsync(new());
        clock.Advance(AQuarterOfAnHour);

        var start = Assert.Single(picked);
        Assert.True(start.Minute % 30 == 0, $"{start:HH:mm} is on the half-hour grid");
        var validator = new RescheduleMeetingValidator(clock);
        var result = validator.Validate(new RescheduleMeeting(Guid.NewGuid(), start));
        Assert.True(result.IsValid, $"{start:HH:mm} picked at {clock.GetUtcNow():HH:mm}: {result}");
        // And no later than that needs: the half hour before would be refused, so the margin costs no more than it must.
        var halfAnHourEarlier = validator.Validate(new RescheduleMeeting(Guid.NewGuid(), start.AddMinutes(-30)));
        Assert.False(halfAnHourEarlier.IsValid, $"{start.AddMinutes(-30):HH:mm} would still have been accepted at {clock.GetUtcNow():HH:mm}");
    }
}
