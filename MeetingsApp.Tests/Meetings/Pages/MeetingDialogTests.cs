using Bunit;
using MeetingsApp.Meetings.Pages;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace MeetingsApp.Tests.Meetings.Pages;

public sealed class MeetingDialogTests : BunitTest
{
    private async Task<(IRenderedComponent<MudDialogProvider> Provider, IDialogReference Dialog)> ShowAsync<TDialog>(DialogParameters<TDialog> parameters)
        where TDialog : Microsoft.AspNetCore.Components.IComponent
    {
        var provider = Ctx.Render<MudDialogProvider>();
        var dialogs = Ctx.Services.GetRequiredService<IDialogService>();
        var dialog = await provider.InvokeAsync(() => dialogs.ShowAsync<TDialog>("Dialog", parameters));
        return (provider, dialog);
    }

    [Fact]
    public async Task Reschedule_TooSoon_ShowsTheServersRuleBesideTheField_AndStaysOpen()
    {
        var start = DateTime.UtcNow.AddDays(1);
        var (provider, dialog) = await ShowAsync(new DialogParameters<RescheduleDialog>
        {
            { d => d.MeetingId, Guid.NewGuid() }, { d => d.CurrentStart, start }, { d => d.TimeZone, TimeZoneInfo.Utc },
        });

        provider.Find("input[type=datetime-local]").Input(DateTime.UtcNow.AddMinutes(2).ToString("yyyy-MM-ddTHH:mm"));
        await provider.FindAll("button").Single(b => b.TextContent.Trim() == "Move meeting").ClickAsync(new());

        provider.WaitForAssertion(() => Assert.Contains("The start must be at least 5 minutes from now.", provider.Markup));
        Assert.False(dialog.Result.IsCompleted);
    }

    [Fact]
    public async Task Reschedule_ToAValidTime_ReturnsItInUtc()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var (provider, dialog) = await ShowAsync(new DialogParameters<RescheduleDialog>
        {
            { d => d.MeetingId, Guid.NewGuid() }, { d => d.CurrentStart, DateTime.UtcNow.AddDays(1) }, { d => d.TimeZone, berlin },
        });

        provider.Find("input[type=datetime-local]").Input("2026-12-10T14:00");
        await provider.FindAll("button").Single(b => b.TextContent.Trim() == "Move meeting").ClickAsync(new());

        var result = await dialog.Result;
        Assert.Equal(new DateTimeOffset(2026, 12, 10, 13, 0, 0, TimeSpan.Zero), result!.Data);
    }

    [Fact]
    public async Task Cancel_ReturnsTheReason_OrIsDismissed()
    {
        var (provider, dialog) = await ShowAsync(new DialogParameters<CancelMeetingDialog>());

        provider.Find("textarea").Input("Nobody can come");
        await provider.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel meeting").ClickAsync(new());

        Assert.Equal("Nobody can come", (await dialog.Result)!.Data);

        var (again, second) = await ShowAsync(new DialogParameters<CancelMeetingDialog>());
        await again.FindAll("button").Single(b => b.TextContent.Trim() == "Keep the meeting").ClickAsync(new());
        Assert.True((await second.Result)!.Canceled);
    }
}
