using MailKit.Net.Smtp;

namespace MeetingsApp.Email;

/// <summary>
/// What a failed delivery means for its row. Only a permanent refusal of this very message or recipient is final; anything
/// an operator or time can mend (4xx answers, a server down or unreachable, DNS, timeouts, TLS, a wrong password, a
/// refused sender address, which is the same for every message) is retried for as long as it lasts.
/// </summary>
public static class DeliveryFailures
{
    public static bool IsPermanent(Exception failure) => failure is SmtpCommandException { StatusCode: var status } refusal
        && (int)status is >= 500 and < 600
        && refusal.ErrorCode switch
        {
            SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted => true,
            // MAIL FROM carries the message's size: too big for the server is this message's own fault.
            SmtpErrorCode.SenderNotAccepted => status == SmtpStatusCode.ExceededStorageAllocation,
            _ => false,
        };

    /// <summary>What the admin page and the timeline show: the server's own answer, with its code, when there is one.</summary>
    public static string Describe(Exception failure) =>
        failure is SmtpCommandException refusal ? $"{(int)refusal.StatusCode} {refusal.Message}" : failure.Message;

    /// <summary>The wait after <paramref name="attempts"/> failed attempts: doubling from <paramref name="first"/>, never past <paramref name="longest"/>.</summary>
    public static TimeSpan RetryDelay(int attempts, TimeSpan first, TimeSpan longest) =>
        TimeSpan.FromTicks((long)Math.Min(longest.Ticks, first.Ticks * Math.Pow(2, Math.Clamp(attempts - 1, 0, 62))));
}
