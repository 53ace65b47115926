using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;

namespace MeetingsApp.Accounts.Pages;

/// <summary>Sign-in, rendered statically: the same answer, in about the same time, for an unknown address and a wrong password.</summary>
public sealed partial class Login
{
    public const string FailedMessage = "That e-mail and password do not match an account that can sign in. " +
        "A new account can sign in once its address is confirmed through the link we e-mailed. " +
        "After five failed attempts an account is locked for five minutes.";

    private string? _error;

    [CascadingParameter] private HttpContext HttpContext { get; set; } = null!;

    [SupplyParameterFromForm] private LoginInput Input { get; set; } = null!;

    [SupplyParameterFromQuery] private string? ReturnUrl { get; set; }

    protected override async Task OnInitializedAsync()
    {
        Input ??= new();
        if (HttpMethods.IsGet(HttpContext.Request.Method)) await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
    }

    private async Task SignInAsync()
    {
        if (await PasswordSignIn.SignInAsync(Input.Email, Input.Password, Input.RememberMe) is { } userId)
        {
            await Profiles.RememberFirstZoneAsync(userId, Input.TimeZone);
            Logger.LogInformation("{Email} signed in", Input.Email);
            RedirectManager.RedirectTo(ReturnUrl);
            return;
        }
        // One answer for an unknown address, a wrong password, a locked and an unconfirmed account, so none of them tells which.
        _error = FailedMessage;
    }

    private sealed class LoginInput
    {
        [Required(ErrorMessage = "Enter your e-mail.")]
        [EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Enter your password.")]
        public string Password { get; set; } = "";

        public bool RememberMe { get; set; }

        public string? TimeZone { get; set; }
    }
}
