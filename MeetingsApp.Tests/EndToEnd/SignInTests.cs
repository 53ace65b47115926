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

    [Theory]
    [InlineData("meetings")]
    [InlineData("meetings/new")]
    [InlineData("invitations")]
    public async Task OnAPhone_PagesFitTheScreenWidth(string path)
    {
        var page = await browser.SignInAsync(app, "bob", $"/{path}", new ViewportSize { Width = 390, Height = 844 });

        var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - window.innerWidth");

        Assert.True(overflow <= 0, $"/{path} is {overflow}px wider than a phone");
        await Browser.ScreenshotAsync(page, $"phone-{path.Replace('/', '-')}");
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

        await Assertions.Expect(page.GetByText("That e-mail and password do not match an account that can sign in.")).ToBeVisibleAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login"));
        await context.CloseAsync();
    }
}
