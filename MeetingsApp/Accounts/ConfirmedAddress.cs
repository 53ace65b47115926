using Microsoft.AspNetCore.Identity;

namespace MeetingsApp.Accounts;

/// <summary>
/// Who may sign in (Identity asks before it looks at the password): an account whose address is confirmed, or one
/// created before registration asked for confirmation (<see cref="AppUser.RegisteredBeforeConfirmation"/>), which no
/// one ever sent a link to.
/// </summary>
internal sealed class ConfirmedAddress : IUserConfirmation<AppUser>
{
    public Task<bool> IsConfirmedAsync(UserManager<AppUser> manager, AppUser user) =>
        Task.FromResult(user.EmailConfirmed || user.RegisteredBeforeConfirmation);
}
