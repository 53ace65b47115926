using System.Net;
using MeetingsApp.Demo;
using MeetingsApp.Meetings;
using MeetingsApp.Tests.EndToEnd;

namespace MeetingsApp.Tests.Accounts;

/// <summary>Direction overrides and invisible-only text, refused through the real app: registration and the command path.</summary>
public sealed class RefusedCharactersTests(AppServer app) : IClassFixture<AppServer>
{
    [Theory]
    [InlineData("\u200B")]
    [InlineData("Alice\u202E nosrednA")]
    [InlineData("\u2066Alice Anderson\u2069")]
    public async Task ANameThatLies_CannotRegister(string name)
    {
        using var client = app.CreateBrowserlessClient();

        var response = await client.RegisterAsync(name, $"liar.{Guid.NewGuid():N}@example.org", "a long enough password");

        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("Use visible letters in your name", page); // the form again, not "check your inbox"
        Assert.DoesNotContain("Check your inbox", page);
    }

    [Theory]
    [InlineData("Darius Dāneshvar‌zāde")] // ZWNJ
    [InlineData("Ana 👩‍💻")] // ZWJ
    public async Task ANameWithJoiners_Registers(string name)
    {
        using var client = app.CreateBrowserlessClient();

        var email = $"joiner.{Guid.NewGuid():N}@example.org";
        var response = await client.RegisterAsync(name, email, "a long enough password");

        Assert.Contains("Check your inbox", await response.Content.ReadAsStringAsync());
        Assert.Equal(name, (await app.Get<MeetingsApp.Accounts.UserDirectory>().FindByEmailAsync(email))?.DisplayName);
    }

    [Fact]
    public async Task APasswordUnder12Characters_CannotRegister()
    {
        using var client = app.CreateBrowserlessClient();

        var response = await client.RegisterAsync("Shorty", $"short.{Guid.NewGuid():N}@example.org", "elevenchars");

        Assert.Contains("at least 12 characters", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("report\u202Efdp.exe")]
    [InlineData("\u200B\u200B")]
    public async Task AMeetingTitleThatLies_IsRefused_AndNothingIsWritten(string title)
    {
        var handler = app.Get<MeetingCommandHandler>();
        var command = new ScheduleMeeting(Guid.NewGuid(), title, null, DateTimeOffset.UtcNow.AddDays(2), TimeSpan.FromHours(1),
            [DemoData.Id("user:bob")]);

        var result = await handler.HandleAsync(command, new CommandContext(DemoData.Id("user:alice"), Guid.NewGuid()));

        Assert.False(result.Succeeded);
        Assert.Null(result.Appended);
    }
}
