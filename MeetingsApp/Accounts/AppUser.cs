using Microsoft.AspNetCore.Identity;

namespace MeetingsApp.Accounts;

/// <summary>A person who can sign in, organise meetings and be invited to them.</summary>
public sealed class AppUser : IdentityUser<Guid>
{
    public const int DisplayNameMaxLength = 100;

    public string DisplayName { get; set; } = "";
}

public static class Roles
{
    public const string Admin = "Admin";
}
