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
    public async Task Search_TreatsWildcardsAsText() => Assert.Empty(await Directory.SearchAsync("%"));

    [Fact]
    public async Task FindExisting_IgnoresUnknownIds()
    {
        var bob = DemoData.Id("user:bob");
        Assert.Equal([bob], await Directory.FindExistingAsync([bob, Guid.NewGuid()]));
    }
}
