using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using MeetingsApp.Accounts;
using MeetingsApp.Demo;
using MeetingsApp.Tests.EndToEnd;

namespace MeetingsApp.Tests.Accounts;

/// <summary>
/// Registering tells a visitor nothing about which addresses have accounts: the same page, in about the same time;
/// only the address's mailbox (the pickup folder here) learns whether an account was made or already existed.
/// </summary>
public sealed partial class RegistrationEnumerationTests(AppServer app) : IClassFixture<AppServer>
{
    private const string Password = "a long enough password";

    private async Task<(HttpStatusCode Status, string Page, TimeSpan Took)> RegisterAsync(string email, string path = "/Account/Register")
    {
        using var client = app.CreateBrowserlessClient();
        await client.TokenAsync(path); // the same page fetch before each timed post, so both start warm
        var clock = Stopwatch.StartNew();
        var response = path == "/Account/Register"
            ? await client.RegisterAsync("Robin Reed", email, Password)
            : await client.PostFormAsync(path, "resend-confirmation", new() { ["Input.Email"] = email });
        clock.Stop();
        return (response.StatusCode, Normalized(await response.Content.ReadAsStringAsync(), email), clock.Elapsed);
    }

    /// <summary>The page less what differs by design: the address typed, the form's fresh antiforgery token and Blazor's state.</summary>
    private static string Normalized(string page, string email) =>
        State().Replace(Values().Replace(page.Replace(email, "ADDRESS"), "value=\"\""), "");

    private static string NewAddress() => $"robin.{Guid.NewGuid():N}@example.org";

    [Fact]
    public async Task ANewAndAnExistingAddress_GetTheSamePage_AndOnlyTheirMailboxesTellWhich()
    {
        var fresh = NewAddress();
        var created = await RegisterAsync(fresh);
        var existing = await RegisterAsync("bob@example.com");

        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.Equal((created.Status, created.Page), (existing.Status, existing.Page));
        Assert.Contains("Check your inbox: we sent a link to", created.Page);

        Assert.Contains("/Account/ConfirmEmail?", (await app.MailAsync(fresh, "Confirm your e-mail address")).TextBody);
        var bobs = await app.MailAsync("bob@example.com", "Someone tried to register your address");
        Assert.Contains("Nothing was changed on your account", bobs.TextBody);
        Assert.Contains("/Account/Login", bobs.TextBody);
        Assert.DoesNotContain("Robin Reed", bobs.TextBody + bobs.HtmlBody); // nothing a visitor typed reaches a stranger's mailbox
        // Bob's account is as it was: his name, and his own password still signs him in.
        Assert.Equal("Bob Brown", (await app.Get<UserDirectory>().FindByEmailAsync("bob@example.com"))!.DisplayName);
        using var bob = app.CreateBrowserlessClient();
        Assert.Equal(HttpStatusCode.Redirect, (await app.SignInAsync(bob, "bob@example.com", DemoData.Password)).StatusCode);
    }

    /// <summary>Loose on purpose, as the sign-in timing test: medians of alternating tries, and a factor of 3.</summary>
    [Fact]
    public async Task ANewAndAnExistingAddress_TakeAboutAsLong()
    {
        var (fresh, existing) = (new List<TimeSpan>(), new List<TimeSpan>());
        await RegisterAsync(NewAddress()); // the first registration also loads what registering needs
        for (var i = 0; i < 5; i++)
        {
            fresh.Add((await RegisterAsync(NewAddress())).Took);
            existing.Add((await RegisterAsync("carol@example.com")).Took);
        }

        var (freshMedian, existingMedian) = (Median(fresh), Median(existing));
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"register median: new {freshMedian.TotalMilliseconds:0} ms, existing {existingMedian.TotalMilliseconds:0} ms");
        Assert.True(freshMedian * 3 >= existingMedian, $"new {freshMedian.TotalMilliseconds:0} ms vs existing {existingMedian.TotalMilliseconds:0} ms");
        Assert.True(existingMedian * 3 >= freshMedian, $"existing {existingMedian.TotalMilliseconds:0} ms vs new {freshMedian.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task TheLinkFromTheMail_ConfirmsTheAddress_AndSignsIn_Once()
    {
        var email = NewAddress();
        using var client = app.CreateBrowserlessClient();
        await client.RegisterAsync("Robin Reed", email, Password);
        var path = (await app.MailAsync(email, "Confirm your e-mail address")).ConfirmationPath();

        Assert.Contains("Confirm and sign in", await client.GetStringAsync(path)); // opening the link alone confirms nothing
        Assert.False((await app.Get<Profiles>().GetAsync((await app.Get<UserDirectory>().FindByEmailAsync(email))!.Id))!.EmailConfirmed);
        var confirmed = await client.ConfirmAsync(path, Password);

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/meetings")).StatusCode);
        using var later = app.CreateBrowserlessClient();
        Assert.Equal(HttpStatusCode.Redirect, (await app.SignInAsync(later, email, Password)).StatusCode);
        // The link is no way in once it has done its work: it leads to sign-in.
        using var stranger = app.CreateBrowserlessClient();
        Assert.Contains("is confirmed. Sign in with your password", await stranger.GetStringAsync(path));
        Assert.Equal(HttpStatusCode.Redirect, (await stranger.GetAsync("/meetings")).StatusCode);
    }

    /// <summary>
    /// A stranger registers someone's address first, with a password of his own. The address's owner registers it herself:
    /// hers is the registration that counts, the stranger's link stops working, and her link confirms only with her own
    /// password, so what she confirms is hers and the stranger's password opens nothing.
    /// </summary>
    [Fact]
    public async Task AnAddressRegisteredFirstByAStranger_BecomesItsOwnersAccount_AndTheStrangersPasswordOpensNothing()
    {
        var email = NewAddress();
        const string Strangers = "the stranger's own password";
        using (var stranger = app.CreateBrowserlessClient()) await stranger.RegisterAsync("Not Robin", email, Strangers);
        var strangersLink = (await app.MailAsync(email, "Confirm your e-mail address")).ConfirmationPath();

        using var owner = app.CreateBrowserlessClient();
        var again = await owner.RegisterAsync("Robin Reed", email, Password);
        Assert.Contains("Check your inbox: we sent a link to", await again.Content.ReadAsStringAsync());
        await AccountMails.WaitUntilAsync(() => app.MailCount(email) == 2);
        var ownersLink = Directory.EnumerateFiles(Path.Combine(app.DataFolder, "mail"), "account.*.eml").Select(f => MimeKit.MimeMessage.Load(f))
            .Where(m => m.To.Mailboxes.Single().Address == email).Select(m => m.ConfirmationPath()).Single(l => l != strangersLink);

        Assert.Contains("This confirmation link has expired or is not valid", await owner.GetStringAsync(strangersLink));
        var withTheStrangersPassword = await owner.ConfirmAsync(ownersLink, Strangers);
        Assert.Equal(HttpStatusCode.OK, withTheStrangersPassword.StatusCode);
        Assert.Contains("That is not the password this address was registered with", await withTheStrangersPassword.Content.ReadAsStringAsync());
        var account = (await app.Get<UserDirectory>().FindByEmailAsync(email))!;
        Assert.False((await app.Get<Profiles>().GetAsync(account.Id))!.EmailConfirmed);

        Assert.Equal(HttpStatusCode.Redirect, (await owner.ConfirmAsync(ownersLink, Password)).StatusCode);
        Assert.Equal("Robin Reed", (await app.Get<UserDirectory>().FindByEmailAsync(email))!.DisplayName);
        using var strangerLater = app.CreateBrowserlessClient();
        Assert.NotEqual(HttpStatusCode.Redirect, (await app.SignInAsync(strangerLater, email, Strangers)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await app.SignInAsync(strangerLater, email, Password)).StatusCode);
    }

    [Theory]
    [InlineData("forged")]
    [InlineData("")]
    public async Task AForgedOrDamagedLink_GetsAReadablePage_AndConfirmsNothing(string code)
    {
        var email = NewAddress();
        using var client = app.CreateBrowserlessClient();
        await client.RegisterAsync("Robin Reed", email, Password);
        var userId = (await app.Get<UserDirectory>().FindByEmailAsync(email))!.Id;
        var real = (await app.MailAsync(email, "Confirm your e-mail address")).ConfirmationPath();
        var path = $"/Account/ConfirmEmail?user={userId}&code={code}";

        var page = await client.GetAsync(path);
        var otherUsers = await client.GetStringAsync(real.Replace(userId.ToString(), DemoData.Id("user:dave").ToString()));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("This confirmation link has expired or is not valid", await page.Content.ReadAsStringAsync());
        Assert.Contains("This confirmation link has expired or is not valid", otherUsers);
        Assert.False((await app.Get<Profiles>().GetAsync(userId))!.EmailConfirmed);
    }

    [Fact]
    public async Task ANewLink_IsAskedForTheSameWay_ForEveryAddress_AndOnlyAWaitingAccountGetsOne()
    {
        var waiting = NewAddress();
        using (var client = app.CreateBrowserlessClient()) await client.RegisterAsync("Robin Reed", waiting, Password);
        var unknown = NewAddress();
        const string Resend = "/Account/ResendEmailConfirmation";

        var forWaiting = await RegisterAsync(waiting, Resend);
        var forUnknown = await RegisterAsync(unknown, Resend);
        var forConfirmed = await RegisterAsync("dave@example.com", Resend);

        Assert.Equal(HttpStatusCode.OK, forWaiting.Status);
        Assert.Contains("Check your inbox: we sent a message to", forWaiting.Page);
        Assert.Equal((forWaiting.Status, forWaiting.Page), (forUnknown.Status, forUnknown.Page));
        Assert.Equal((forWaiting.Status, forWaiting.Page), (forConfirmed.Status, forConfirmed.Page));
        Assert.Contains("no MeetingsApp account uses this address", (await app.MailAsync(unknown, "No MeetingsApp account")).TextBody);
        Assert.Contains("confirmed already", (await app.MailAsync("dave@example.com", "Your MeetingsApp address is already confirmed")).TextBody);
        await AccountMails.WaitUntilAsync(() => app.MailCount(waiting) == 2);
        using var owner = app.CreateBrowserlessClient();
        var newest = Directory.EnumerateFiles(Path.Combine(app.DataFolder, "mail"), "account.*.eml").Select(f => MimeKit.MimeMessage.Load(f))
            .Where(m => m.To.Mailboxes.Single().Address == waiting).Select(m => m.ConfirmationPath()).ToList();
        Assert.Equal(2, newest.Distinct().Count());
        foreach (var link in newest) Assert.Contains("Confirm and sign in", await owner.GetStringAsync(link));
    }

    private static TimeSpan Median(List<TimeSpan> times) => times.Order().ElementAt(times.Count / 2);

    [GeneratedRegex("value=\"[^\"]*\"")]
    private static partial Regex Values();

    [GeneratedRegex("<!--Blazor-Server-Component-State:[^-]*-->")]
    private static partial Regex State();
}
