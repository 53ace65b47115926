using MeetingsApp.Accounts;
using MeetingsApp.Data;
using MeetingsApp.Demo;
using MeetingsApp.Meetings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MeetingsApp.Tests.Data;

/// <summary>
/// An existing database meets the migration that added the search columns: names and titles written before it are
/// upper-cased letter by letter as .NET does, accents included, though the tests' PostgreSQL databases have the C
/// locale, whose own upper() knows ASCII only.
/// </summary>
public class SearchColumnsMigrationTests : DatabaseTest
{
    private const string MigrationBefore = "CheckpointRebuilds";

    /// <summary>A person (with an address without their name) and the meeting they organise, in the meeting lists.</summary>
    private async Task<Guid> OrganiseAsync(string organiser, string title)
    {
        var id = await Services.Provider.CreateUserAsync(organiser, $"o.{Guid.NewGuid():N}@test.example");
        var result = await Services.Get<MeetingCommandHandler>().HandleAsync(
            new ScheduleMeeting(Guid.NewGuid(), title, null, Clock.GetUtcNow().AddDays(1), TimeSpan.FromHours(1), [await RegisterAsync("Bob")]),
            new CommandContext(id, Guid.NewGuid()));
        Assert.True(result.Succeeded, result.Error?.Message);
        await RebuildProjectionsAsync();
        return id;
    }

    [Fact]
    public async Task NamesAndTitlesOfBefore_AreUpperCasedWithTheirAccents()
    {
        var alice = await OrganiseAsync("Émile Zoë", "Café über Straße");
        await using (var db = await Services.Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
        {
            var migrations = db.Database.GetMigrations().ToList();
            await db.GetService<IMigrator>().MigrateAsync(migrations.Last(m => m.EndsWith($"_{MigrationBefore}", StringComparison.Ordinal)));
        }

        await Services.Provider.MigrateDatabaseAsync();

        await using var check = await Services.Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        Assert.Equal("ÉMILE ZOË", await check.Users.Where(u => u.Id == alice).Select(u => u.NormalizedDisplayName).SingleAsync());
        Assert.Equal("CAFÉ ÜBER STRAßE", await check.Set<MeetingSummary>().Select(s => s.SearchTitle).SingleAsync());
    }

    [Fact]
    public async Task WhatAnOlderVersionWritesWithoutThem_IsFilledAtTheNextStart()
    {
        var zoe = await OrganiseAsync("Zoë", "Café");
        // As a version from before the columns writes its rows during a rolling upgrade: the columns' default.
        await using (var db = await Services.Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
        {
            await db.Users.ExecuteUpdateAsync(s => s.SetProperty(u => u.NormalizedDisplayName, ""));
            await db.Set<MeetingSummary>().ExecuteUpdateAsync(s => s.SetProperty(m => m.SearchTitle, ""));
        }

        await Services.Provider.MigrateDatabaseAsync();

        Assert.Equal(["Zoë"], (await Services.Get<UserDirectory>().SearchAsync("ZOË")).Select(u => u.DisplayName));
        Assert.Single((await Services.Get<MeetingQueries>().MyMeetingsAsync(zoe, MeetingListTab.Upcoming, "café")).Items);
    }
}

public sealed class SearchColumnsMigrationPostgresTests : SearchColumnsMigrationTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
