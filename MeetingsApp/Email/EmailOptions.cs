using MailKit.Security;

namespace MeetingsApp.Email;

/// <summary>The <c>Email</c> section of the configuration.</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>The sender of every message, e.g. <c>MeetingsApp &lt;meetings@example.org&gt;</c>.</summary>
    public string From { get; set; } = "MeetingsApp <meetings@meetingsapp.invalid>";

    /// <summary>With no SMTP host, messages are written here as .eml files; relative paths are beside the database file.</summary>
    public string PickupDirectory { get; set; } = "mail";

    /// <summary>Where the links in a message lead: the app as its users reach it.</summary>
    public string AppUrl { get; set; } = "http://127.0.0.1:5080";

    /// <summary>The wait after a first failed delivery; it doubles after each further one, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest wait between attempts: trouble that is not a refusal for good is retried for as long as it lasts.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long sent, failed and unsent messages are kept in the outbox (from when they became so) before they are pruned.</summary>
    public int RetentionDays { get; set; } = 30;

    /// <summary>How often the sender looks for due messages when nothing woke it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);
}

public sealed class SmtpOptions
{
    /// <summary>No host: the pickup directory is used instead.</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.Auto;

    public string? UserName { get; set; }

    public string? Password { get; set; }
}
