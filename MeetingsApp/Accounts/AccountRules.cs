using System.ComponentModel.DataAnnotations;
using MeetingsApp.Shared;

namespace MeetingsApp.Accounts;

/// <summary>Rules for what people type into the account forms, each written once.</summary>
public static class AccountRules
{
    /// <summary>For passwords set from now on; the demo users keep their shorter one.</summary>
    public const int MinPasswordLength = 12;
    public const int MaxPasswordLength = 200;
    public const string PasswordLengthMessage = "The password needs at least 12 characters.";
}

/// <summary>A name people will read: the same rule as single-line meeting text (no controls, direction overrides or invisible-only text).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ReadableTextAttribute() : ValidationAttribute("Use visible letters, without control or direction-changing characters.")
{
    public override bool IsValid(object? value) => ReadableText.IsReadable(value as string, multiline: false);
}
