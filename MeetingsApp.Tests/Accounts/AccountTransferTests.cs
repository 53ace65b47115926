using System.Text;
using MeetingsApp.Accounts;
using MeetingsApp.Data;
using MeetingsApp.Demo;
using MeetingsApp.Meetings;
using MeetingsApp.Verbs;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingsApp.Tests.Accounts;

/// <summary>
/// <c>export-accounts</c> and <c>import-accounts</c>: the accounts the log's user ids refer to travel with it, so people
/// sign in on the target as themselves; all or nothing, and never over an account the target has.
/// </summary>
public class AccountTransferTests : DatabaseTest
{
    protected override async ValueTask SetUpAsync() => await Services.Provider.SeedDemoDataAsync();

    private static async Task<string> ExportAsync(StandaloneServices services)
    {
        await using var scope = services.Provider.CreateAsyncScope();
        using var file = new MemoryStream();
        await scope.ServiceProvider.GetRequiredService<AccountTransfer>().ExportAsync(file);
        return Encoding.UTF8.GetString(file.ToArray());
    }

    private static async Task<int> ImportAsync(StandaloneServices services, string file)
    {
        await using var scope = services.Provider.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AccountTransfer>().ImportAsync(new StringReader(file));
    }

    private static async Task<int> CountAsync(StandaloneServices services)
    {
        await using var db = await services.Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await db.Users.CountAsync() + await db.Roles.CountAsync() + await db.UserRoles.CountAsync();
    }

    [Fact]
    public async Task ExportImportExport_IsByteIdentical_AndPeopleSignInAsThemselves()
    {
        var first = await ExportAsync(Services);
        await using var fresh = await StartOnAnotherDatabaseAsync();

        Assert.Equal(5, await ImportAsync(fresh, first));

        Assert.Equal(first, await ExportAsync(fresh));
        Assert.DoesNotContain("Normalized", first, StringComparison.OrdinalIgnoreCase); // the target normalises in its own way
        await using var scope = fresh.Provider.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var alice = await users.FindByEmailAsync("ALICE@example.com");
        Assert.NotNull(alice);
        Assert.Equal(DemoData.Id("user:alice"), alice.Id);
        Assert.True(await users.CheckPasswordAsync(alice, DemoData.Password));
        Assert.False(await users.CheckPasswordAsync(alice, "not her password"));
        Assert.True(await users.IsInRoleAsync(alice, Roles.Admin));
        Assert.False(await users.IsInRoleAsync((await users.FindByEmailAsync("bob@example.com"))!, Roles.Admin));
    }

    [Fact]
    public async Task SettingsThatEqualAColumnDefaultsSentinel_TravelAsTheyAre()
    {
        // false, midnight and "no flags" are what EF Core leaves out of an insert when the column has a default, so
        // the target would give a person who opted out of e-mail their mail back, and one who starts at midnight 9:00
        await using (var scope = Services.Provider.CreateAsyncScope())
        {
            var settings = new ProfileSettings("Europe/Berlin", EmailNotifications: false, WorkDays.Saturday | WorkDays.Sunday, new TimeOnly(0, 0), new TimeOnly(6, 0));
            Assert.Null(await scope.ServiceProvider.GetRequiredService<Profiles>().SaveAsync(DemoData.Id("user:bob"), settings));
        }
        var first = await ExportAsync(Services);
        await using var fresh = await StartOnAnotherDatabaseAsync();

        await ImportAsync(fresh, first);

        Assert.Equal(first, await ExportAsync(fresh));
        await using var again = fresh.Provider.CreateAsyncScope();
        var bob = await again.ServiceProvider.GetRequiredService<Profiles>().GetAsync(DemoData.Id("user:bob"));
        Assert.Equal((false, WorkDays.Saturday | WorkDays.Sunday, new TimeOnly(0, 0)), (bob!.EmailNotifications, bob.WorkDays, bob.WorkStart));
    }

    [Fact]
    public async Task AnAccountTheTargetHasAlready_StopsTheImportAtItsLine_AndWritesNothing()
    {
        var file = await ExportAsync(Services);
        await using var fresh = await StartOnAnotherDatabaseAsync();
        await fresh.Provider.CreateUserAsync("Someone Else", "Carol@Example.com");
        var before = await CountAsync(fresh);
        var carolsLine = file.Split('\n').ToList().FindIndex(l => l.Contains("carol@example.com")) + 1;

        var error = await Assert.ThrowsAsync<AccountFileException>(() => ImportAsync(fresh, file));

        Assert.Equal(carolsLine, error.Line);
        Assert.Equal($"line {carolsLine}: this database has an account with the same user name already (carol@example.com)", error.Message);
        Assert.Equal(before, await CountAsync(fresh));
    }

    [Theory]
    [InlineData("\"email\":\"bob@example.com\",", "", "'email'")] // a field left out
    [InlineData("\"displayName\":\"Bob Brown\"", "\"displayName\":\"Bob\\u202EnworB\"", "the display name must be readable text")]
    [InlineData("\"timeZone\":null", "\"timeZone\":\"Mars/Olympus\"", "the time zone Mars/Olympus is not one this machine knows")]
    [InlineData("\"workDays\":\"MondayToFriday\"", "\"workDays\":\"None\"", "Choose at least one working day.")]
    [InlineData("{", "[", "")] // not an object
    public async Task ABadLine_StopsTheImportNamingIt_AndWritesNothing(string field, string replacement, string reason)
    {
        var lines = (await ExportAsync(Services)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var bob = Array.FindIndex(lines, l => l.Contains("bob@example.com"));
        Assert.Contains(field, lines[bob]);
        lines[bob] = lines[bob].Replace(field, replacement);
        await using var fresh = await StartOnAnotherDatabaseAsync();

        var error = await Assert.ThrowsAsync<AccountFileException>(() => ImportAsync(fresh, string.Join('\n', lines)));

        Assert.Equal(bob + 1, error.Line);
        Assert.StartsWith($"line {bob + 1}: ", error.Message);
        Assert.Contains(reason, error.Message);
        Assert.Equal(0, await CountAsync(fresh));
    }

    [Fact]
    public async Task AFileThatHasAnAccountTwice_IsRefused()
    {
        var lines = (await ExportAsync(Services)).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        lines.Add(lines[0].Replace(lines[0][7..43], Guid.NewGuid().ToString())); // another id, the same person
        await using var fresh = await StartOnAnotherDatabaseAsync();

        var error = await Assert.ThrowsAsync<AccountFileException>(() => ImportAsync(fresh, string.Join('\n', lines)));

        Assert.Equal($"line {lines.Count}: an earlier line has the same user name already", error.Message);
        Assert.Equal(0, await CountAsync(fresh));
    }

    [Fact]
    public async Task TheVerb_WritesAFileOnlyItsOwnerMayRead_AndOverwritesNothing()
    {
        var folder = Directory.CreateTempSubdirectory("meetings-verbs-");
        try
        {
            var path = Path.Combine(folder.FullName, "accounts.jsonl");
            Assert.Equal(5, await AccountVerbs.ExportAsync(Services.Provider, path));
            Assert.Equal(5, (await File.ReadAllLinesAsync(path)).Length);
            if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));

            var written = await File.ReadAllTextAsync(path);
            Assert.Equal(1, await AccountVerbs.ExportAsync([path]));
            Assert.Equal(written, await File.ReadAllTextAsync(path));
            Assert.Equal(1, await AccountVerbs.ImportAsync([Path.Combine(folder.FullName, "missing.jsonl")]));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}

/// <summary>The same tests on PostgreSQL.</summary>
public sealed class AccountTransferPostgresTests : AccountTransferTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

/// <summary>
/// The move README describes, from the embedded SQLite to PostgreSQL: accounts and log exported from one, imported
/// into the other, and each person finds the same meetings there, signed in with the same password.
/// </summary>
public sealed class MovingToPostgresTests : DatabaseTest
{
    protected override async ValueTask SetUpAsync()
    {
        await Services.Provider.SeedDemoDataAsync();
        await RebuildProjectionsAsync();
    }

    [Fact]
    public async Task AccountsAndLog_MovedFromSqlite_ShowEveryoneTheSameMeetingsOnPostgres()
    {
        var target = await PostgresServer.CreateDatabaseAsync();
        try
        {
            await using var postgres = await StandaloneServices.CreateAsync(target, Configure, DatabaseProvider.Postgres);
            using (var accounts = new MemoryStream())
            using (var log = new MemoryStream())
            {
                await using (var scope = Services.Provider.CreateAsyncScope())
                    await scope.ServiceProvider.GetRequiredService<AccountTransfer>().ExportAsync(accounts);
                await Services.Get<EventLogTransfer>().ExportAsync(log);
                await using (var scope = postgres.Provider.CreateAsyncScope())
                    await scope.ServiceProvider.GetRequiredService<AccountTransfer>().ImportAsync(new StringReader(Encoding.UTF8.GetString(accounts.ToArray())));
                await EventLogVerbs.ImportAsync(postgres.Provider, new StringReader(Encoding.UTF8.GetString(log.ToArray())));
            }

            foreach (var (login, _) in DemoData.People)
            {
                await using var scope = postgres.Provider.CreateAsyncScope();
                var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
                var person = await users.FindByEmailAsync($"{login}@example.com");
                Assert.NotNull(person);
                Assert.True(await users.CheckPasswordAsync(person, DemoData.Password));
                foreach (var tab in Enum.GetValues<MeetingListTab>())
                {
                    var there = await postgres.Get<MeetingQueries>().MyMeetingsAsync(person.Id, tab);
                    Assert.Equal(Titles((await Services.Get<MeetingQueries>().MyMeetingsAsync(person.Id, tab)).Items), Titles(there.Items));
                }
                Assert.Equal((await Services.Get<MeetingQueries>().PendingInvitationsAsync(person.Id)).Select(m => m.Title),
                    (await postgres.Get<MeetingQueries>().PendingInvitationsAsync(person.Id)).Select(m => m.Title));
            }
            Assert.NotEmpty((await postgres.Get<MeetingQueries>().MyMeetingsAsync(DemoData.Id("user:alice"), MeetingListTab.Upcoming)).Items);
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(target);
        }
    }

    private static List<string> Titles(IEnumerable<MeetingListItem> items) => items.Select(i => $"{i.Meeting.Title} {i.IsOrganizer} {i.Response}").ToList();
}
