using Microsoft.AspNetCore.Identity;

namespace MeetingsApp.Accounts;

/// <summary>A person who can sign in, organise meetings and be invited to them.</summary>
public sealed class AppUser : IdentityUser<Guid>
{
    public const int DisplayNameMaxLength = 100;

    public string DisplayName { get; set; } = "";

    /// <summary>The IANA time zone every time is shown in; null until the browser told it at sign-in.</summary>
    public string? TimeZone { get; set; }

    /// <summary>Whether invitations and updates also go to the person's own mailbox (and so their own calendar).</summary>
    public bool EmailNotifications { get; set; } = true;
}

public static class Roles
{
    public const string Admin = "Admin";
}
