using Microsoft.AspNetCore.Identity;

namespace MeetingsApp.Accounts;

/// <summary>
/// Signs in with e-mail and password, answering the same way and in about the same time whether or not the account
/// exists, is locked, or still waits for its address to be confirmed: the caller learns only "signed in" or "not".
/// </summary>
public sealed class PasswordSignIn(SignInManager<AppUser> signIn, IPasswordHasher<AppUser> hasher, ILogger<PasswordSignIn> logger)
{
    private static string? _dummyHash;

    /// <summary>The signed-in user's id, or null for "not signed in" (whatever the reason).</summary>
    public async Task<Guid?> SignInAsync(string email, string password, bool persistent)
    {
        var user = await signIn.UserManager.FindByNameAsync(email);
        if (user is null)
        {
            // Without this, an unknown address answers ~20x faster than a wrong password for a real one.
            SpendAPasswordCheck(password);
            return null;
        }
        // Wrong passwords count towards lockout: five in a row lock the account for five minutes.
        var result = await signIn.PasswordSignInAsync(user, password, persistent, lockoutOnFailure: true);
        // Identity refuses a locked or unconfirmed account before it looks at the password: look anyway, so it takes as long.
        if (result.IsLockedOut || result.IsNotAllowed) SpendAPasswordCheck(password);
        // The visitor is not told; the operator is.
        if (result.IsLockedOut) logger.LogWarning("Sign-in refused: {UserId} is locked out", user.Id);
        if (result.IsNotAllowed) logger.LogInformation("Sign-in refused: {UserId} has not confirmed their address", user.Id);
        return result.Succeeded ? user.Id : null;
    }

    /// <summary>What checking a real hash costs (the hasher's full key derivation), with nothing to find.</summary>
    private void SpendAPasswordCheck(string password)
    {
        var dummy = new AppUser();
        _dummyHash ??= hasher.HashPassword(dummy, Guid.NewGuid().ToString());
        hasher.VerifyHashedPassword(dummy, _dummyHash, password);
    }
}
