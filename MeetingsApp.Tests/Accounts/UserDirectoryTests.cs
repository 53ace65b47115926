using MeetingsApp.Accounts;
using MeetingsApp.Demo;

namespace MeetingsApp.Tests.Accounts;

public sealed class UserDirectoryTests : DatabaseTest
{
    protected override async ValueTask SetUpAsync() => await Services.Provider.SeedDemoDataAsync();

    private UserDirectory Directory => Services.Get<UserDirectory>();

    [Theory]
    [InlineData("bob", "Bob Brown")]
    [InlineData("BROWN", "Bob Brown")]
    [InlineData("carol@example", "Carol Clark")]
    public async Task Search_FindsByNameOrEmail_IgnoringCase(string term, string expected) =>
        Assert.Equal([expected], (await Directory.SearchAsync(term)).Select(u => u.DisplayName));

    [Fact]
    public async Task Search_TreatsWildcardsAsText() => Assert.Empty(await Directory.SearchAsync("%%"));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("b")]
    [InlineData(" e ")]
    public async Task Search_WithFewerThanTwoCharacters_FindsNobody(string? term) => Assert.Empty(await Directory.SearchAsync(term));

    [Fact]
    public async Task Search_ReturnsAFewMatches_NotEveryone()
    {
        for (var i = 0; i < 12; i++) await RegisterAsync($"Sam {i}");

        Assert.Equal(UserDirectory.MaxResults, (await Directory.SearchAsync("sam")).Count);
    }

    [Fact]
    public async Task FindByEmail_MatchesTheWholeAddressOnly()
    {
        Assert.Equal("Carol Clark", (await Directory.FindByEmailAsync(" CAROL@example.com "))?.DisplayName);
        Assert.Null(await Directory.FindByEmailAsync("carol@example"));
    }

    [Fact]
    public async Task FindExisting_IgnoresUnknownIds()
    {
        var bob = DemoData.Id("user:bob");
        Assert.Equal([bob], await Directory.FindExistingAsync([bob, Guid.NewGuid()]));
    }
}
