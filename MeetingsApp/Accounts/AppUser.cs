using Microsoft.AspNetCore.Identity;
using MeetingsApp.Shared;

namespace MeetingsApp.Accounts;

/// <summary>A person who can sign in, organise meetings and be invited to them.</summary>
public sealed class AppUser : IdentityUser<Guid>
{
    public const int DisplayNameMaxLength = 100;

    public string DisplayName
    {
        get;
        set => (field, NormalizedDisplayName) = (value, SearchText.Normalize(value));
    } = "";

    /// <summary><see cref="DisplayName"/> as the people picker compares it, like Identity's <c>NormalizedEmail</c>: see <see cref="SearchText"/>.</summary>
    public string NormalizedDisplayName { get; private set; } = "";

    /// <summary>The IANA time zone every time is shown in; null until the browser told it at sign-in.</summary>
    public string? TimeZone { get; set; }

    /// <summary>Whether invitations and updates also go to the person's own mailbox (and so their own calendar).</summary>
    public bool EmailNotifications { get; set; } = true;

    /// <summary>The days and hours (in <see cref="TimeZone"/>) that "Suggest times" may offer.</summary>
    public WorkDays WorkDays { get; set; } = WorkDays.MondayToFriday;

    public TimeOnly WorkStart { get; set; } = WorkingHours.DefaultFrom;

    public TimeOnly WorkEnd { get; set; } = WorkingHours.DefaultTo;

    /// <summary>
    /// Created before registration asked for a confirmed address: may sign in with an unconfirmed one (nobody told them
    /// to confirm it). Mail still reaches only confirmed addresses; the profile page offers the link.
    /// </summary>
    public bool RegisteredBeforeConfirmation { get; set; }
}

public static class Roles
{
    public const string Admin = "Admin";
}
