using System.Net;
using MeetingsApp.Accounts;
using MeetingsApp.Tests.EndToEnd;
using MeetingsApp.Tests.EndToEnd.Accessibility;
using Microsoft.Playwright;

namespace MeetingsApp.Tests.Accounts;

/// <summary><c>Accounts:Registration:Mode=Domains</c>: only addresses at the listed domains may register.</summary>
public sealed class RegistrationByDomainTests : IAsyncLifetime
{
    private readonly AppServer _app = new(new Dictionary<string, string?>
    {
        ["Accounts:Registration:Mode"] = "Domains",
        ["Accounts:Registration:Domains:0"] = "example.org",
        ["Accounts:Registration:Domains:1"] = "@team.example",
    });

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Theory]
    [InlineData("kim@example.org")]
    [InlineData("Kim@TEAM.example")]
    public async Task AnAddressAtAListedDomain_Registers(string email)
    {
        using var client = _app.CreateBrowserlessClient();
        var unique = email.Replace("@", $".{Guid.NewGuid():N}@");

        var response = await client.RegisterAsync("Kim Kay", unique, "a long enough password");

        Assert.Contains("Check your inbox", await response.Content.ReadAsStringAsync());
        Assert.Equal("Kim Kay", (await _app.Get<UserDirectory>().FindByEmailAsync(unique))?.DisplayName);
    }

    [Theory]
    [InlineData("kim@elsewhere.example")]
    [InlineData("kim@example.org.evil.example")]
    [InlineData("kim@sub.example.org")]
    public async Task AnyOtherAddress_IsRefused(string email)
    {
        using var client = _app.CreateBrowserlessClient();

        var response = await client.RegisterAsync("Kim Kay", email, "a long enough password");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("only for addresses at example.org", await response.Content.ReadAsStringAsync());
    }
}

/// <summary><c>Accounts:Registration:Mode=Invitation</c>: only with an admin's link, and only for the address it names.</summary>
[Collection(BrowserCollection.Name)]
public sealed class RegistrationByInvitationTests(Browser browser) : IAsyncLifetime
{
    private readonly AppServer _app = new(new Dictionary<string, string?> { ["Accounts:Registration:Mode"] = "Invitation" });

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task WithoutAnInvitation_ThereIsNoForm_AndAPostIsRefused()
    {
        using var client = _app.CreateBrowserlessClient();

        Assert.Contains("invitation only", await client.GetStringAsync("/Account/Register?invitation=forged"));
        // The form is not offered, but Blazor still binds a post to the page: the server refuses it all the same.
        var posted = await client.PostAsync("/Account/Register", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await client.TokenAsync("/Account/Login"), ["_handler"] = "register",
            ["Input.DisplayName"] = "Gate Crasher", ["Input.Email"] = "crasher@example.org",
            ["Input.Password"] = "a long enough password", ["Input.ConfirmPassword"] = "a long enough password",
        }));
        Assert.DoesNotContain("Check your inbox", await posted.Content.ReadAsStringAsync());
        Assert.Null(await _app.Get<UserDirectory>().FindByEmailAsync("crasher@example.org"));
    }

    [Fact]
    public async Task ANewLinkForAnAddressWithoutAnAccount_IsAnsweredByMail_ThatAccountsComeByInvitation()
    {
        using var client = _app.CreateBrowserlessClient();
        var email = $"nobody.{Guid.NewGuid():N}@example.org";

        await client.PostFormAsync("/Account/ResendEmailConfirmation", "resend-confirmation", new() { ["Input.Email"] = email });

        var mail = await _app.MailAsync(email, "No MeetingsApp account");
        Assert.Contains("created by invitation", mail.TextBody);
        Assert.DoesNotContain("/Account/Register", mail.TextBody); // the form would only refuse them
    }

    [Fact]
    public async Task AnInvitation_IsForItsAddressOnly()
    {
        var token = _app.Get<RegistrationPolicy>().Invite("lee@example.org");
        using var other = _app.CreateBrowserlessClient();

        // A post that swaps in another address still creates the invited one: the invitation fixes the address.
        var swapped = await other.RegisterAsync("Lee Lin", "not-lee@example.org", "a long enough password", token);

        Assert.Contains("we sent a link to <bdi>lee@example.org</bdi>", await swapped.Content.ReadAsStringAsync());
        Assert.Null(await _app.Get<UserDirectory>().FindByEmailAsync("not-lee@example.org"));
        Assert.Equal("Lee Lin", (await _app.Get<UserDirectory>().FindByEmailAsync("lee@example.org"))?.DisplayName);
    }

    [Fact]
    public async Task AnAdminsInvitationLink_LetsThatPersonRegister_Once()
    {
        var alice = await browser.SignInAsync(_app, "alice", "/admin/invitations");
        await alice.GetByLabel("E-mail to invite").FillAsync("sam@example.org");
        await alice.GetByRole(AriaRole.Button, new() { Name = "Create invitation link" }).ClickAsync();
        var link = await alice.GetByLabel("Invitation link").InputValueAsync();
        await Browser.ScreenshotAsync(alice, "admin-invitations");

        var context = await browser.Chromium.NewContextAsync(new() { BaseURL = _app.BaseAddress.ToString() });
        var sam = await context.NewPageAsync();
        await sam.GotoAsync(link);
        await Assertions.Expect(sam.GetByLabel("E-mail")).ToHaveValueAsync("sam@example.org");
        await sam.GetByLabel("Name").FillAsync("Sam Sung");
        await sam.GetByLabel("Password", new() { Exact = true }).FillAsync("a long enough password");
        await sam.GetByLabel("Confirm password").FillAsync("a long enough password");
        await sam.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        // The invitation named the address, but whoever holds a link need not own the mailbox: the mail's link confirms it.
        await Assertions.Expect(sam.GetByTestId("check-inbox")).ToContainTextAsync("we sent a link to sam@example.org");
        await sam.GotoAsync((await _app.MailAsync("sam@example.org", "Confirm your e-mail address")).ConfirmationPath().TrimStart('/'));
        // The link proves the mailbox; the password, who registered: a wrong one is said beside the field, and confirms nothing.
        await sam.GetByLabel("Password").FillAsync("not the password of sam");
        await sam.GetByRole(AriaRole.Button, new() { Name = "Confirm and sign in" }).ClickAsync();
        await Assertions.Expect(sam.GetByTestId("confirm-error")).ToContainTextAsync("not the password this address was registered with");
        Assert.Empty(await Axe.ViolationsAsync(sam, "the confirmation page, with its error"));
        await sam.GetByLabel("Password").FillAsync("a long enough password");
        await sam.GetByRole(AriaRole.Button, new() { Name = "Confirm and sign in" }).ClickAsync();
        await Browser.WaitForCircuitAsync(sam);
        await Assertions.Expect(sam.GetByTestId("signed-in-user")).ToHaveTextAsync("Sam Sung");

        // The link again: the same answer as for any address, a notice to Sam's mailbox, and Sam's account as it was.
        using var again = _app.CreateBrowserlessClient();
        var second = await again.RegisterAsync("Sam Again", "sam@example.org", "another long password", Uri.UnescapeDataString(link.Split("invitation=")[1]));
        Assert.Contains("Check your inbox", await second.Content.ReadAsStringAsync());
        await _app.MailAsync("sam@example.org", "Someone tried to register your address");
        Assert.Equal("Sam Sung", (await _app.Get<UserDirectory>().FindByEmailAsync("sam@example.org"))?.DisplayName);
        foreach (var page in new[] { alice, sam }) await page.Context.CloseAsync();
    }
}
