using System.Net.Sockets;
using MailKit.Net.Smtp;
using MailKit.Security;
using MeetingsApp.Email;
using MimeKit;

namespace MeetingsApp.Tests.Email;

/// <summary>Which failures are final, and how long the sender waits after the others; MailKit's own exceptions, no server.</summary>
public sealed class DeliveryFailuresTests
{
    [Fact]
    public void OnlyARefusalOfThisMessageOrRecipient_IsForGood()
    {
        var mailbox = new MailboxAddress("Bob", "bob@example.com");
        Assert.True(DeliveryFailures.IsPermanent(new SmtpCommandException(SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.MailboxUnavailable, mailbox, "No such user")));
        Assert.True(DeliveryFailures.IsPermanent(new SmtpCommandException(SmtpErrorCode.MessageNotAccepted, SmtpStatusCode.TransactionFailed, "Spam")));
        Assert.True(DeliveryFailures.IsPermanent(new SmtpCommandException(SmtpErrorCode.SenderNotAccepted, SmtpStatusCode.ExceededStorageAllocation, mailbox, "Too big")));
        // What time or an operator mends: "try later", a sender address or a login the server does not take, the network.
        Assert.False(DeliveryFailures.IsPermanent(new SmtpCommandException(SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.MailboxBusy, mailbox, "Greylisted")));
        Assert.False(DeliveryFailures.IsPermanent(new SmtpCommandException(SmtpErrorCode.SenderNotAccepted, SmtpStatusCode.MailboxUnavailable, mailbox, "Not our sender")));
        Assert.False(DeliveryFailures.IsPermanent(new SmtpCommandException(SmtpErrorCode.UnexpectedStatusCode, SmtpStatusCode.AuthenticationRequired, "Authenticate first")));
        Assert.False(DeliveryFailures.IsPermanent(new AuthenticationException("535 5.7.8 Bad credentials")));
        Assert.False(DeliveryFailures.IsPermanent(new SslHandshakeException("Certificate rejected")));
        Assert.False(DeliveryFailures.IsPermanent(new SocketException((int)SocketError.ConnectionRefused)));
        Assert.False(DeliveryFailures.IsPermanent(new SmtpProtocolException("The server disconnected")));
        Assert.False(DeliveryFailures.IsPermanent(new TimeoutException()));
        Assert.Equal("550 No such user", DeliveryFailures.Describe(
            new SmtpCommandException(SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.MailboxUnavailable, mailbox, "No such user")));
    }

    [Fact]
    public void TheWaitDoubles_UpToTheLongest_HoweverManyAttempts()
    {
        var (first, longest) = (TimeSpan.FromSeconds(10), TimeSpan.FromHours(1));
        Assert.Equal([10, 20, 40, 80], new[] { 1, 2, 3, 4 }.Select(n => DeliveryFailures.RetryDelay(n, first, longest).TotalSeconds));
        Assert.Equal(TimeSpan.FromSeconds(2560), DeliveryFailures.RetryDelay(9, first, longest)); // 10 s × 2⁸
        Assert.Equal(longest, DeliveryFailures.RetryDelay(10, first, longest)); // 10 s × 2⁹ would be past an hour
        Assert.Equal(longest, DeliveryFailures.RetryDelay(100_000, first, longest));
    }
}

