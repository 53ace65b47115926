using System.Net;
using System.Text.RegularExpressions;
using MeetingsApp.Tests.EndToEnd;
using MimeKit;

namespace MeetingsApp.Tests.Accounts;

/// <summary>The account mails an <see cref="AppServer"/> wrote to its pickup folder, read back as a mail program would.</summary>
public static partial class AccountMails
{
    /// <summary>The first message to <paramref name="to"/> whose subject starts so, once the sender has written it.</summary>
    public static async Task<MimeMessage> MailAsync(this AppServer app, string to, string subject, TimeSpan? timeout = null)
    {
        var folder = Path.Combine(app.DataFolder, "mail");
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var found = (Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "account.*.eml") : [])
                .Select(file => MimeMessage.Load(file))
                .FirstOrDefault(m => m.To.Mailboxes.Any(b => b.Address.Equals(to, StringComparison.OrdinalIgnoreCase)) && (m.Subject ?? "").StartsWith(subject, StringComparison.Ordinal));
            if (found is not null) return found;
            if (DateTime.UtcNow > until) throw new TimeoutException($"No mail to {to} with subject “{subject}…” in {folder}");
            await Task.Delay(100);
        }
    }

    /// <summary>How many account mails went to <paramref name="to"/>.</summary>
    public static int MailCount(this AppServer app, string to)
    {
        var folder = Path.Combine(app.DataFolder, "mail");
        return !Directory.Exists(folder) ? 0 : Directory.EnumerateFiles(folder, "account.*.eml")
            .Count(file => MimeMessage.Load(file).To.Mailboxes.Any(b => b.Address.Equals(to, StringComparison.OrdinalIgnoreCase)));
    }

    public static async Task WaitUntilAsync(Func<bool> done, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (!done())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException("The mails did not arrive");
            await Task.Delay(100);
        }
    }

    /// <summary>The confirmation link in a mail, as a path on the test server (links name <c>Email:AppUrl</c>, not its port).</summary>
    public static string ConfirmationPath(this MimeMessage message) =>
        new Uri(ConfirmationLink().Match(message.TextBody ?? "").Value).PathAndQuery;

    /// <summary>Opens the link, types the password registered with and presses the button, as the address's owner does.</summary>
    public static Task<HttpResponseMessage> ConfirmAsync(this HttpClient client, string confirmationPath, string password) =>
        client.PostFormAsync(confirmationPath, "confirm-email", new() { ["Input.Password"] = password });

    /// <summary>Registers through the form, then confirms with the link from the mail: <paramref name="client"/> is signed in after.</summary>
    public static async Task RegisterConfirmedAsync(this AppServer app, HttpClient client, string name, string email, string password)
    {
        var registered = await client.RegisterAsync(name, email, password);
        if (!(await registered.Content.ReadAsStringAsync()).Contains("Check your inbox")) throw new InvalidOperationException($"{email} was not registered");
        var confirmed = await client.ConfirmAsync((await app.MailAsync(email, "Confirm your e-mail address")).ConfirmationPath(), password);
        if (confirmed.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"{email} was not confirmed: {confirmed.StatusCode}");
    }

    [GeneratedRegex(@"https?://\S+/Account/ConfirmEmail\?\S+")]
    private static partial Regex ConfirmationLink();
}
