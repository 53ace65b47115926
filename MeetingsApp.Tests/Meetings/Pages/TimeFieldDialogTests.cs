using Bunit;
using FluentValidation;
using MeetingsApp.Meetings;
using MeetingsApp.Meetings.Pages;
using MeetingsApp.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;

namespace MeetingsApp.Tests.Meetings.Pages;

/// <summary>The start fields of the time dialogs: what they are filled with, and that it reads back as the same instant.</summary>
public sealed class TimeFieldDialogTests : DialogTest
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    // 7 November 2027: New York's clocks go back from 02:00 EDT to 01:00 EST, so 01:30 happens at 05:30Z and again at 06:30Z.
    private static DateTime OneThirty(int utcHour) => new(2027, 11, 7, utcHour, 30, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(5)]
    [InlineData(6)]
    public async Task Reschedule_ChangingOnlyTheLength_KeepsTheStart_InTheHourTheClocksRepeat(int utcHour)
    {
        var submitted = new List<RescheduleMeeting>();
        var (provider, _) = await ShowAsync(new DialogParameters<RescheduleDialog>
        {
            { d => d.Meeting, Meeting(OneThirty(utcHour)) }, { d => d.TimeZone, NewYork },
            { d => d.Submit, c => { submitted.Add(c); return Task.FromResult<MeetingError?>(null); } },
        });

        provider.FindAll("input").Single(i => i.GetAttribute("value") == "60").Input("90");
        await provider.FindAll("button").Single(b => b.TextContent.Trim() == "Move meeting").ClickAsync(new());

        // The field still shows the start it was filled with, so the start is kept as it is (no start in the command),
        // whichever of the two 01:30s it is.
        var command = Assert.Single(submitted);
        Assert.Equal(((DateTimeOffset?)null, TimeSpan.FromMinutes(90)), (command.NewStart, command.NewDuration));
    }

    [Fact]
    public async Task Reschedule_ToASuggestionInTheRepeatedHour_SubmitsThatSuggestion()
    {
        // The meeting is at the first 01:30. At the second 01:00 the real search starts 20 minutes on and rounds up to the
        // second 01:30, which the field shows just the same: the earliest suggestion for someone at work around the clock.
        var person = await Services.Provider.CreateUserAtWorkAroundTheClockAsync(NewYork.Id);
        var clock = new FakeTimeProvider(new DateTimeOffset(2027, 11, 7, 6, 0, 0, TimeSpan.Zero));
        Ctx.Services.AddSingleton<TimeProvider>(clock);
        Ctx.Services.AddSingleton<IValidator<RescheduleMeeting>>(new RescheduleMeetingValidator(clock)); // the form judges on the same clock
        var submitted = new List<RescheduleMeeting>();
        var (provider, _) = await ShowAsync(new DialogParameters<RescheduleDialog>
        {
            { d => d.Meeting, Meeting(OneThirty(5)) }, { d => d.TimeZone, NewYork }, { d => d.People, [person] },
            { d => d.Submit, c => { submitted.Add(c); return Task.FromResult<MeetingError?>(null); } },
        });

        await provider.FindAll("button").Single(b => b.TextContent.Trim() == "Suggest times").ClickAsync(new());
        await provider.WaitForElement("[data-testid=suggested-time]").ClickAsync(new());
        await provider.FindAll("button").Single(b => b.TextContent.Trim() == "Move meeting").ClickAsync(new());

        Assert.Equal(new DateTimeOffset(OneThirty(6)), Assert.Single(submitted).NewStart!.Value);
    }

    [Fact]
    public async Task Propose_ChangingOnlyTheLength_KeepsTheStart_InTheHourTheClocksRepeat()
    {
        var submitted = new List<ProposeNewTime>();
        var (provider, _) = await ShowAsync(new DialogParameters<ProposeTimeDialog>
        {
            { d => d.Meeting, Meeting(OneThirty(6)) }, { d => d.TimeZone, NewYork },
            { d => d.Submit, c => { submitted.Add(c); return Task.FromResult<MeetingError?>(null); } },
        });

        provider.FindAll("input").Single(i => i.GetAttribute("value") == "60").Input("90");
        await provider.FindAll("button").Single(b => b.TextContent.Trim() == "Propose").ClickAsync(new());

        var command = Assert.Single(submitted);
        Assert.Equal((OneThirty(6), (TimeSpan?)TimeSpan.FromMinutes(90)), (command.Start.UtcDateTime, command.Duration));
    }

    private static Task InFinnishAsync(Func<Task> test) => InCulture.RunAsync("fi-FI", test);

    [Fact]
    public Task Reschedule_InFinnish_FillsTheStartWithAValueTheBrowserReads() => InFinnishAsync(async () =>
    {
        var (provider, _) = await ShowAsync(new DialogParameters<RescheduleDialog>
        {
            { d => d.Meeting, Meeting(new DateTime(2030, 12, 10, 13, 0, 0, DateTimeKind.Utc)) },
            { d => d.TimeZone, TimeZoneInfo.FindSystemTimeZoneById("Europe/Helsinki") },
        });

        Assert.Equal("2030-12-10T15:00", provider.Find("input[type=datetime-local]").GetAttribute("value"));
    });

    [Fact]
    public Task Propose_InFinnish_FillsTheStartWithAValueTheBrowserReads() => InFinnishAsync(async () =>
    {
        var (provider, _) = await ShowAsync(new DialogParameters<ProposeTimeDialog>
        {
            { d => d.Meeting, Meeting(new DateTime(2030, 12, 10, 13, 0, 0, DateTimeKind.Utc)) },
            { d => d.TimeZone, TimeZoneInfo.FindSystemTimeZoneById("Europe/Helsinki") },
        });

        Assert.Equal("2030-12-10T15:00", provider.Find("input[type=datetime-local]").GetAttribute("value"));
    });
}
