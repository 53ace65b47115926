using Microsoft.Playwright;

namespace MeetingsApp.Tests.EndToEnd;

[Collection(BrowserCollection.Name)]
public sealed class SignInTests(AppServer app, Browser browser) : IClassFixture<AppServer>
{
    [Fact]
    public async Task Alice_SignsInThroughTheForm_AndSeesHerName()
    {
        var page = await browser.SignInAsync(app, "alice");

        await Assertions.Expect(page.GetByTestId("signed-in-user")).ToHaveTextAsync("Alice Anderson");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AWrongPassword_IsRefusedBesideTheForm()
    {
        var context = await browser.Chromium.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("Account/Login");

        await page.GetByLabel("E-mail").FillAsync("bob@example.com");
        await page.GetByLabel("Password").FillAsync("not-the-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page.GetByText("That e-mail and password do not match an account.")).ToBeVisibleAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login"));
        await context.CloseAsync();
    }
}
