using MeetingsApp.Accounts;
using MeetingsApp.Data;
using MeetingsApp.Demo;
using MeetingsApp.Meetings;

namespace MeetingsApp.Tests.Shared;

/// <summary>
/// Searching names and titles ignores case for every letter, not only ASCII's: a database's own <c>upper()</c> (SQLite's, or
/// PostgreSQL's in a C-locale database, as the tests' are) left "é" as it was while the typed term became "É", so "José" or
/// "Café" found nothing, however they were typed.
/// </summary>
public class AccentedSearchTests : DatabaseTest
{
    [Theory]
    [InlineData("José")]
    [InlineData("josé")]
    [InlineData("NÚÑEZ")]
    [InlineData("ñez")]
    public async Task ThePeoplePicker_FindsANameWithAccents_InAnyCase(string term)
    {
        // Addresses without the names, so that only the name can match.
        await Services.Provider.CreateUserAsync("José Núñez", $"jn.{Guid.NewGuid():N}@test.example");
        await Services.Provider.CreateUserAsync("Søren Ølgaard", $"so.{Guid.NewGuid():N}@test.example");

        Assert.Equal(["José Núñez"], (await Services.Get<UserDirectory>().SearchAsync(term)).Select(u => u.DisplayName));
    }

    [Theory]
    [InlineData("Café")]
    [InlineData("café")]
    [InlineData("ÜBER")]
    public async Task MyMeetings_FindsATitleWithAccents_InAnyCase(string term)
    {
        var (alice, bob) = (await RegisterAsync("Alice"), await RegisterAsync("Bob"));
        var (cafe, other) = (Guid.NewGuid(), Guid.NewGuid());
        var handler = Services.Get<MeetingCommandHandler>();
        foreach (var (id, title) in new[] { (cafe, "Café planning über alles"), (other, "Cafe planning") })
        {
            var result = await handler.HandleAsync(new ScheduleMeeting(id, title, null, Clock.GetUtcNow().AddDays(1), TimeSpan.FromHours(1), [bob]),
                new CommandContext(alice, Guid.NewGuid()));
            Assert.True(result.Succeeded, result.Error?.Message);
        }
        await RebuildProjectionsAsync();

        var found = await Services.Get<MeetingQueries>().MyMeetingsAsync(alice, MeetingListTab.Upcoming, term);

        Assert.Equal([cafe], found.Items.Select(m => m.Meeting.MeetingId));
    }
}

/// <summary>The same on PostgreSQL.</summary>
public sealed class AccentedSearchPostgresTests : AccentedSearchTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
