using System.Net;
using MeetingsApp.Accounts;
using MeetingsApp.Data;
using Microsoft.Extensions.Options;
using MimeKit;

namespace MeetingsApp.Email;

/// <summary>
/// Mails about an account. They follow a form post, not an event, so they are not the <see cref="EmailReactor"/>'s: each
/// is an <see cref="OutboxKind.Account"/> row of its own, with its own Message-ID, added to the caller's context so it
/// commits with the account change it tells of; the same <see cref="OutboxSender"/> delivers it. The messages hold no
/// text a visitor typed (only the address itself), so registering someone else's address cannot carry a message to them.
/// </summary>
public sealed class AccountMail(IOptions<EmailOptions> options, TimeProvider clock, OutboxSender? sender = null) : IAccountMail
{
    // No sender in compositions without a web host (verbs, some tests): rows then wait for the next app that runs.

    /// <summary>A link into the app as its users reach it (<see cref="EmailOptions.AppUrl"/>), never as a request's Host header names it.</summary>
    public string LinkTo(string pathAndQuery) => $"{options.Value.AppUrl.TrimEnd('/')}/{pathAndQuery.TrimStart('/')}";

    /// <inheritdoc />
    public void Add(AppDbContext db, AccountLetter letter, string to, Guid? accountId, string? confirmationLink = null, bool byInvitationOnly = false)
    {
        var now = clock.GetUtcNow();
        var (purpose, subject, paragraphs) = Compose(letter, to, confirmationLink, byInvitationOnly);
        var messageId = $"account.{Guid.NewGuid():N}@meetingsapp";
        var message = new MimeMessage { Subject = subject, MessageId = messageId, Date = now };
        message.From.Add(MailboxAddress.Parse(options.Value.From));
        message.To.Add(new MailboxAddress("", to));
        message.Body = new Multipart("alternative")
        {
            new TextPart("plain") { Text = string.Join("\n\n", paragraphs.Select(p => p.Link is null ? p.Text : $"{p.Text}\n{p.Link}")) },
            new TextPart("html")
            {
                Text = string.Concat(paragraphs.Select(p => p.Link is null ? $"<p>{Html(p.Text)}</p>"
                    : $"<p>{Html(p.Text)}<br><a href=\"{Html(p.Link)}\">{Html(p.Link)}</a></p>")),
            },
        };
        db.Add(new OutboxMessage
        {
            Kind = OutboxKind.Account, RecipientId = accountId, Purpose = purpose, To = to, Subject = subject, MessageId = messageId,
            Mime = InvitationMessages.Serialize(message), Status = OutboxStatus.Pending, CreatedAt = now.UtcDateTime, NextAttemptAt = now.UtcDateTime,
        });
    }

    /// <inheritdoc />
    public void Wake() => sender?.Wake();

    private (string Purpose, string Subject, List<(string Text, string? Link)> Paragraphs) Compose(AccountLetter letter, string to, string? link,
        bool byInvitationOnly)
    {
        var (signIn, resend, register) = (LinkTo("Account/Login"), LinkTo("Account/ResendEmailConfirmation"), LinkTo("Account/Register"));
        const string NotYou = "If it was not you, you need not do anything.";
        return letter switch
        {
            AccountLetter.Confirmation => ("address confirmation", "Confirm your e-mail address for MeetingsApp",
            [
                ($"Someone, hopefully you, created a MeetingsApp account for {to}. Confirm the address to start using it:",
                    link ?? throw new ArgumentNullException(nameof(link))),
                ("The link works for a day. After that, ask for a new one here:", resend),
                ("If you did not create this account, ignore this message: the account cannot be used unless its address is confirmed.", null),
            ]),
            AccountLetter.AlreadyRegistered => ("registration attempt", "Someone tried to register your address at MeetingsApp",
            [
                ($"Someone tried to create a MeetingsApp account for {to}, which already has one. Nothing was changed on your account.", null),
                ("If it was you, sign in with the password you chose then:", signIn),
                ("If you never confirmed your address, ask for a new confirmation link here:", resend),
                (NotYou, null),
            ]),
            AccountLetter.AlreadyConfirmed => ("already confirmed", "Your MeetingsApp address is already confirmed",
            [
                ($"Someone asked for a new confirmation link for {to}. This address is confirmed already, so you can sign in:", signIn),
                (NotYou, null),
            ]),
            _ => ("no account", "No MeetingsApp account for this address",
            [
                byInvitationOnly
                    ? ($"Someone asked for a confirmation link for {to}, but no MeetingsApp account uses this address. Accounts here are " +
                        "created by invitation: ask an administrator for an invitation link.", null)
                    : ($"Someone asked for a confirmation link for {to}, but no MeetingsApp account uses this address. To create one:", register),
                (NotYou, null),
            ]),
        };
    }

    private static string Html(string text) => WebUtility.HtmlEncode(text);
}
