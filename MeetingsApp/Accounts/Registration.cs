using MeetingsApp.Data;
using Microsoft.AspNetCore.Identity;

namespace MeetingsApp.Accounts;

/// <summary>
/// Registration that tells a visitor nothing about which addresses have accounts. Whatever the address, the answer is
/// "check your inbox", after about the same work (one password hash, one outbox row); only the address's owner learns,
/// by mail, whether an account was created (with a link to confirm it) or already existed (nothing about it changes).
/// A new account cannot sign in until its address is confirmed (<see cref="ConfirmedAddress"/>).
/// <para>
/// Nobody can claim an address that is not theirs by registering it first. An account that cannot sign in until it is
/// confirmed, and is not yet, belongs to no one: registering its address again replaces its name, zone and password,
/// and the earlier links stop working.
/// And confirming takes both halves, the link (only the mailbox has it) and the password (only the one who registered
/// knows it), so a stranger's registration, confirmed by the address's owner in good faith, cannot open for the stranger.
/// </para>
/// </summary>
public sealed class Registration(UserManager<AppUser> users, AppDbContext db, IPasswordHasher<AppUser> hasher, IAccountMail mail,
    RegistrationPolicy policy, ILogger<Registration> logger)
{
    /// <summary>How long a confirmation link works (Identity's data-protection token lifespan, set from this).</summary>
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromDays(1);

    public const string ConfirmPath = "Account/ConfirmEmail";

    /// <summary>What is wrong with what was typed (the same answer for every address), or nothing: a mail is on its way.</summary>
    public async Task<IReadOnlyList<string>> RegisterAsync(string displayName, string email, string password, string? timeZone,
        CancellationToken ct = default)
    {
        email = email.Trim();
        var user = new AppUser { UserName = email, Email = email, DisplayName = displayName.Trim(), TimeZone = Profiles.KnownZone(timeZone) };
        // Identity's own password rules, for every address alike: judged only for new accounts, they would tell which are.
        var errors = new List<string>();
        foreach (var validator in users.PasswordValidators)
            errors.AddRange((await validator.ValidateAsync(users, user, password)).Errors.Select(e => e.Description));
        if (errors.Count > 0) return errors;

        var existing = await users.FindByEmailAsync(email);
        // A confirmed account is someone's, and so is one from before confirmation was asked for (it signs in unconfirmed).
        if (existing is { EmailConfirmed: true } or { RegisteredBeforeConfirmation: true })
        {
            // As long as creating the account would take: derive the hash a new account would get, and throw it away.
            hasher.HashPassword(user, password);
            mail.Add(db, AccountLetter.AlreadyRegistered, existing.Email!, existing.Id);
            await db.SaveChangesAsync(ct);
            mail.Wake();
            logger.LogInformation("Registration with the address of {UserId}: its owner is told by mail, nothing else changes", existing.Id);
            return [];
        }

        // The account and its mail commit together: no account that no one was told how to confirm.
        var account = existing ?? user;
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            if (existing is null)
            {
                var created = await users.CreateAsync(user, password);
                if (!created.Succeeded) return [.. created.Errors.Select(e => e.Description)];
            }
            else
            {
                // Waiting for its link, the account is nobody's yet: the newest registration counts, and a new security
                // stamp means the links mailed for the earlier one no longer confirm anything.
                (existing.DisplayName, existing.TimeZone, existing.PasswordHash) = (user.DisplayName, user.TimeZone, hasher.HashPassword(existing, password));
                await users.UpdateSecurityStampAsync(existing);
            }
            mail.Add(db, AccountLetter.Confirmation, account.Email!, account.Id, await ConfirmationLinkAsync(account));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        mail.Wake();
        logger.LogInformation("{UserId} registered; the confirmation link is on its way", account.Id);
        return [];
    }

    /// <summary>
    /// A new confirmation link for an unconfirmed account, and otherwise a mail that says why there is none: one mail
    /// to the address typed, whatever it is, so this form too tells nobody which addresses have accounts.
    /// </summary>
    public async Task ResendAsync(string email, CancellationToken ct = default)
    {
        email = email.Trim();
        var user = await users.FindByEmailAsync(email);
        var letter = user switch
        {
            null => AccountLetter.NoAccount,
            { EmailConfirmed: true } => AccountLetter.AlreadyConfirmed,
            _ => AccountLetter.Confirmation,
        };
        mail.Add(db, letter, user?.Email ?? email, user?.Id, letter == AccountLetter.Confirmation ? await ConfirmationLinkAsync(user!) : null,
            byInvitationOnly: policy.Mode == RegistrationMode.Invitation);
        await db.SaveChangesAsync(ct);
        mail.Wake();
    }

    /// <summary>The account a confirmation link is for, while its token is good; null when it is forged, damaged or expired.</summary>
    public async Task<AppUser?> AccountOfLinkAsync(string? userId, string? code)
    {
        if (!Guid.TryParse(userId, out _) || string.IsNullOrEmpty(code) || await users.FindByIdAsync(userId) is not { } user) return null;
        var good = await users.VerifyUserTokenAsync(user, users.Options.Tokens.EmailConfirmationTokenProvider,
            UserManager<AppUser>.ConfirmEmailTokenPurpose, code);
        return good ? user : null;
    }

    /// <summary>
    /// Confirms the address the link is for, given the password it was registered with; the account only when this
    /// confirmed it now. A link used again is no way to sign in: the token stays good for its lifetime, so a mailbox read
    /// later must not open the account.
    /// </summary>
    public async Task<(AppUser? Confirmed, string? Error)> ConfirmAsync(string? userId, string? code, string? password)
    {
        if (await AccountOfLinkAsync(userId, code) is not { EmailConfirmed: false } user) return (null, null);
        if (string.IsNullOrEmpty(password) || !await users.CheckPasswordAsync(user, password))
            return (null, "That is not the password this address was registered with. If someone else registered it, register it again yourself.");
        if (!(await users.ConfirmEmailAsync(user, code!)).Succeeded) return (null, null);
        logger.LogInformation("{UserId} confirmed their address", user.Id);
        return (user, null);
    }

    private async Task<string> ConfirmationLinkAsync(AppUser user)
    {
        var token = await users.GenerateEmailConfirmationTokenAsync(user);
        return mail.LinkTo($"{ConfirmPath}?user={user.Id}&code={Uri.EscapeDataString(token)}");
    }
}
