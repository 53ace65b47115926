using System.ComponentModel.DataAnnotations;
using MeetingsApp.Shared;
using Microsoft.AspNetCore.Components;

namespace MeetingsApp.Accounts.Pages;

/// <summary>Registration: it answers the same whether or not the address already has an account (a mail tells the address's owner which), so the form reveals no accounts.</summary>
public sealed partial class Register
{
    private List<string>? _errors;
    private string? _sentTo;

    [SupplyParameterFromForm] private RegisterInput Input { get; set; } = null!;

    /// <summary>An admin's invitation (see <see cref="RegistrationPolicy"/>); the form posts back to this URL, so it stays.</summary>
    [SupplyParameterFromQuery] private string? Invitation { get; set; }

    private string? _invitedAddress;

    protected override void OnInitialized()
    {
        Input ??= new();
        _invitedAddress = Policy.InvitedAddress(Invitation);
        // An invitation is for one address: the form shows it read-only, and a post that swaps in another still gets this one.
        if (_invitedAddress is not null) Input.Email = _invitedAddress;
    }

    private async Task RegisterAsync()
    {
        if (Policy.Refusal(Input.Email, Invitation) is { } refusal)
        {
            _errors = [refusal];
            return;
        }
        // Refusals above follow the address's shape and the mode, never whether it has an account; from here on, nothing does.
        var errors = await Registration.RegisterAsync(Input.DisplayName, Input.Email, Input.Password, Input.TimeZone);
        if (errors.Count > 0)
        {
            _errors = [.. errors];
            return;
        }
        _sentTo = Input.Email.Trim();
    }

    private sealed class RegisterInput
    {
        [Required(ErrorMessage = "Enter your name.")]
        [StringLength(AppUser.DisplayNameMaxLength, ErrorMessage = "Keep your name under 100 characters.")]
        [RegularExpression(@".*\S.*", ErrorMessage = "Enter your name.")]
        [ReadableText(ErrorMessage = "Use visible letters in your name, without control or direction-changing characters.")]
        public string DisplayName { get; set; } = "";

        [Required(ErrorMessage = "Enter your e-mail.")]
        [EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Choose a password.")]
        [StringLength(AccountRules.MaxPasswordLength, MinimumLength = AccountRules.MinPasswordLength, ErrorMessage = AccountRules.PasswordLengthMessage)]
        public string Password { get; set; } = "";

        [Compare(nameof(Password), ErrorMessage = "The passwords do not match.")]
        public string ConfirmPassword { get; set; } = "";

        public string? TimeZone { get; set; }
    }
}
