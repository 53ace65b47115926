using MeetingsApp.Accounts;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace MeetingsApp.Meetings.Pages;

/// <summary>
/// A page that sends meeting commands, with what every such page needs once: who is asking (<see cref="Me"/>, cascaded
/// by the layout), their time zone, and "run it, show the outcome" (<see cref="RunCommandAsync"/>): the command goes through the
/// <see cref="MeetingCommandHandler"/> as the signed-in person; the refusal or the success is shown as a message, then
/// the clash warnings it came back with (<see cref="ClashWarnings.AnnounceAsync"/>).
/// <para>
/// Who that person is, is asked at the moment of sending, not taken from <see cref="Me"/>: once their session ends (they
/// signed out, or changed their password, in another tab) the circuit's principal is anonymous, and the handler refuses
/// whatever a page or a dialog still sends.
/// </para>
/// </summary>
public abstract class CommandPage : ComponentBase
{
    [Inject] private MeetingCommandHandler Commands { get; set; } = null!;

    [Inject] private AuthenticationStateProvider Authentication { get; set; } = null!;

    [Inject] protected ISnackbar Snackbar { get; set; } = null!;

    [Inject] protected UserDirectory Users { get; set; } = null!;

    [CascadingParameter] protected SignedInUser Me { get; set; } = null!;

    [CascadingParameter] protected TimeZoneInfo TimeZone { get; set; } = TimeZoneInfo.Utc;

    /// <summary>A command of this page is on its way; its buttons wait for it.</summary>
    protected bool Busy { get; private set; }

    /// <param name="done">What to say once it is recorded; null where the page moves on instead.</param>
    /// <param name="start">The meeting's start as the page shows it: a warning names the day only when it is another one.</param>
    /// <param name="commandId">The form's own id, so that a submit sent twice records once; a new one by default.</param>
    protected async Task<CommandResult> RunCommandAsync<TCommand>(TCommand command, string? done, DateTimeOffset start, Guid? commandId = null)
        where TCommand : IMeetingCommand<TCommand>
    {
        Busy = true;
        try
        {
            var asking = (await Authentication.GetAuthenticationStateAsync()).User;
            var result = await Commands.HandleAsync(command, asking, commandId ?? Guid.NewGuid());
            if (result.Error is { } error) Snackbar.Add(error.Message, Severity.Error);
            else if (done is not null) Snackbar.Add(done, Severity.Success);
            await ClashWarnings.AnnounceAsync(result, Snackbar, Users, Me.Id, start, TimeZone);
            return result;
        }
        finally
        {
            Busy = false;
        }
    }
}
