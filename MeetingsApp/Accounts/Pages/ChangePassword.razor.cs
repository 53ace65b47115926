using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;

namespace MeetingsApp.Accounts.Pages;

/// <summary>Changing one's password, rendered statically; it ends the person's other sessions at once.</summary>
public sealed partial class ChangePassword
{
    private List<string>? _errors;
    private bool _changed;

    [CascadingParameter] private HttpContext HttpContext { get; set; } = null!;

    [SupplyParameterFromForm] private PasswordInput Input { get; set; } = null!;

    protected override void OnInitialized() => Input ??= new();

    private async Task ChangeAsync()
    {
        if (await UserManager.GetUserAsync(HttpContext.User) is not { } user) return;
        // Identity gives the user a new security stamp with the new password: every cookie issued before is refused.
        var result = await UserManager.ChangePasswordAsync(user, Input.CurrentPassword, Input.NewPassword);
        if (!result.Succeeded)
        {
            _errors = result.Errors.Select(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "The current password is not right." : e.Description).ToList();
            return;
        }
        // This browser gets a cookie with the new stamp; then the user's other circuits and hub connections end.
        await SignInManager.RefreshSignInAsync(user);
        await Sessions.CheckAsync([user.Id]);
        Logger.LogInformation("{UserId} changed their password", user.Id);
        (_changed, Input) = (true, new());
    }

    private sealed class PasswordInput
    {
        [Required(ErrorMessage = "Enter your current password.")]
        public string CurrentPassword { get; set; } = "";

        [Required(ErrorMessage = "Choose a new password.")]
        [StringLength(AccountRules.MaxPasswordLength, MinimumLength = AccountRules.MinPasswordLength, ErrorMessage = AccountRules.PasswordLengthMessage)]
        public string NewPassword { get; set; } = "";

        [Compare(nameof(NewPassword), ErrorMessage = "The passwords do not match.")]
        public string ConfirmPassword { get; set; } = "";
    }
}
