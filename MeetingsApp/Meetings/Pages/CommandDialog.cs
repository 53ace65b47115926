using FluentValidation;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MeetingsApp.Meetings.Pages;

/// <summary>
/// A dialog that builds one command: validated as the person types by the very validator the server runs, then run
/// through <see cref="Submit"/>. It stays open with the server's reasons beside the fields when the command is refused,
/// so nothing typed is lost, and closes once the command is recorded.
/// </summary>
public abstract class CommandDialog<TCommand> : ComponentBase where TCommand : class
{
    protected readonly FieldErrors Errors = new();
    protected bool Busy;

    [Inject] private IValidator<TCommand> Validator { get; set; } = null!;

    [CascadingParameter] protected IMudDialogInstance Dialog { get; set; } = null!;

    /// <summary>Runs the command on the server; null when it was recorded, else why not.</summary>
    [Parameter, EditorRequired] public Func<TCommand, Task<MeetingError?>> Submit { get; set; } = null!;

    /// <summary>The command the form describes, or null with <see cref="Errors"/> set when the input cannot make one.</summary>
    protected abstract TCommand? BuildCommand();

    protected async Task<bool> ValidateAsync()
    {
        if (BuildCommand() is not { } command) return false;
        var result = await Validator.ValidateAsync(command);
        Errors.Show(result);
        return result.IsValid;
    }

    protected async Task SubmitAsync()
    {
        if (Busy || !await ValidateAsync()) return;
        Busy = true;
        try
        {
            Errors.Show(await Submit(BuildCommand()!));
            if (Errors.IsEmpty) Dialog.Close();
        }
        finally
        {
            Busy = false;
        }
    }
}
