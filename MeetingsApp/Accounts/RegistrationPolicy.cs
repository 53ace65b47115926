using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace MeetingsApp.Accounts;

public enum RegistrationMode
{
    /// <summary>Anyone who reaches the app may create an account.</summary>
    Open,

    /// <summary>Only addresses at one of <see cref="RegistrationOptions.Domains"/>.</summary>
    Domains,

    /// <summary>Only with an invitation link an admin made for that address.</summary>
    Invitation,
}

/// <summary><c>Accounts:Registration</c> in the configuration.</summary>
public sealed class RegistrationOptions
{
    public RegistrationMode Mode { get; set; } = RegistrationMode.Open;

    public List<string> Domains { get; set; } = [];

    public TimeSpan InvitationLifetime { get; set; } = TimeSpan.FromDays(7);
}

/// <summary>
/// Who may create an account. An invitation is the invited address sealed with the app's data-protection keys (shared
/// by every instance) and an expiry: nothing is stored, and it is single-use by construction, since an address can
/// hold only one account.
/// </summary>
public sealed class RegistrationPolicy(IOptionsMonitor<RegistrationOptions> options, IDataProtectionProvider protection, TimeProvider clock)
{
    private ITimeLimitedDataProtector Protector =>
        protection.CreateProtector("MeetingsApp.Accounts.RegistrationInvitation").ToTimeLimitedDataProtector();

    public RegistrationMode Mode => options.CurrentValue.Mode;

    /// <summary>The invitation token for <paramref name="email"/>, good until the configured lifetime has passed.</summary>
    public string Invite(string email) =>
        Protector.Protect(email.Trim(), clock.GetUtcNow() + options.CurrentValue.InvitationLifetime);

    /// <summary>The address a token invites, or null when it is forged, damaged or expired.</summary>
    public string? InvitedAddress(string? token)
    {
        if (string.IsNullOrEmpty(token)) return null;
        try
        {
            var email = Protector.Unprotect(token, out var expires);
            return expires >= clock.GetUtcNow() ? email : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>Why <paramref name="email"/> may not register with <paramref name="invitation"/>, or null when it may.</summary>
    public string? Refusal(string email, string? invitation)
    {
        var settings = options.CurrentValue;
        return settings.Mode switch
        {
            RegistrationMode.Open => null,
            RegistrationMode.Domains when settings.Domains.Any(d => string.Equals(DomainOf(email), d.Trim().TrimStart('@'), StringComparison.OrdinalIgnoreCase)) => null,
            RegistrationMode.Domains => $"Accounts can be created only for addresses at {string.Join(", ", settings.Domains)}.",
            _ when string.Equals(InvitedAddress(invitation), email.Trim(), StringComparison.OrdinalIgnoreCase) => null,
            _ => "Accounts are created by invitation only: ask an administrator for an invitation link for your address.",
        };
    }

    private static string DomainOf(string email) => email.Trim() is var e && e.LastIndexOf('@') is var at and >= 0 ? e[(at + 1)..] : "";
}
