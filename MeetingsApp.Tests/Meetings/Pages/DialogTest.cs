using Bunit;
using MeetingsApp.Meetings;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace MeetingsApp.Tests.Meetings.Pages;

/// <summary>Dialog tests: shows a dialog through MudBlazor's own provider and service, as the meeting page does.</summary>
public abstract class DialogTest : BunitTest
{
    protected async Task<(IRenderedComponent<MudDialogProvider> Provider, IDialogReference Dialog)> ShowAsync<TDialog>(DialogParameters<TDialog> parameters)
        where TDialog : Microsoft.AspNetCore.Components.IComponent
    {
        var provider = Ctx.Render<MudDialogProvider>();
        var dialogs = Ctx.Services.GetRequiredService<IDialogService>();
        var dialog = await provider.InvokeAsync(() => dialogs.ShowAsync<TDialog>("Dialog", parameters));
        return (provider, dialog);
    }

    protected static MeetingSummary Meeting(DateTime start) => new()
    {
        MeetingId = Guid.NewGuid(), Title = "Planning", Description = "", Location = "Room 1", Start = start, Duration = TimeSpan.FromHours(1),
    };
}
