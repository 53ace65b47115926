using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;

namespace MeetingsApp.Email;

/// <summary>Hands one message to the world; throws when it could not.</summary>
public interface IMailTransport
{
    /// <summary>Where messages go, for the admin page and the log.</summary>
    string Describe { get; }

    Task SendAsync(MimeMessage message, CancellationToken ct);
}

/// <summary>An SMTP server, through MailKit; one connection per batch of messages would be a later optimisation.</summary>
public sealed class SmtpMailTransport(IOptions<EmailOptions> options) : IMailTransport
{
    private SmtpOptions Smtp => options.Value.Smtp;

    public string Describe => $"SMTP {Smtp.Host}:{Smtp.Port}";

    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        using var client = new SmtpClient { Timeout = 30_000 };
        await client.ConnectAsync(Smtp.Host!, Smtp.Port, Smtp.Security, ct);
        if (!string.IsNullOrEmpty(Smtp.UserName)) await client.AuthenticateAsync(Smtp.UserName, Smtp.Password ?? "", ct);
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(quit: true, ct);
    }
}

/// <summary>No SMTP server configured: each message becomes an .eml file that any mail program opens.</summary>
public sealed class PickupDirectoryTransport(string directory) : IMailTransport
{
    public string Directory { get; } = directory;

    public string Describe => $"files in {Directory}";

    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        System.IO.Directory.CreateDirectory(Directory);
        // Named by the stable Message-ID, so a repeated delivery overwrites its own file instead of adding another.
        var name = string.Concat((message.MessageId ?? Guid.NewGuid().ToString()).Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' ? c : '_'));
        var path = Path.Combine(Directory, $"{name}.eml");
        var temporary = path + ".tmp";
        await message.WriteToAsync(InvitationMessages.WireFormat, temporary, ct);
        File.Move(temporary, path, overwrite: true);
    }
}
