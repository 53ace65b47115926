using MeetingsApp.Accounts;
using MeetingsApp.Data;
using MeetingsApp.Demo;
using MeetingsApp.EventStore.Subscriptions;
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

    [Fact]
    public async Task NamesAndTitlesOfBefore_AreUpperCasedWithTheirAccents()
    {
        var alice = await Services.Provider.CreateUserAsync("Émile Zoë", $"ez.{Guid.NewGuid():N}@test.example");
        var bob = await RegisterAsync("Bob");
        var result = await Services.Get<MeetingCommandHandler>().HandleAsync(
            new ScheduleMeeting(Guid.NewGuid(), "Café über Straße", null, Clock.GetUtcNow().AddDays(1), TimeSpan.FromHours(1), [bob]),
            new CommandContext(alice, Guid.NewGuid()));
        Assert.True(result.Succeeded, result.Error?.Message);
        var host = Services.Get<SubscriptionHost<AppDbContext>>();
        foreach (var projection in host.Status.Where(s => s.Kind == SubscriberKind.Projection)) await host.RebuildAsync(projection.Name);
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
        var zoe = await Services.Provider.CreateUserAsync("Zoë", $"z.{Guid.NewGuid():N}@test.example");
        var bob = await RegisterAsync("Bob");
        var result = await Services.Get<MeetingCommandHandler>().HandleAsync(
            new ScheduleMeeting(Guid.NewGuid(), "Café", null, Clock.GetUtcNow().AddDays(1), TimeSpan.FromHours(1), [bob]),
            new CommandContext(zoe, Guid.NewGuid()));
        Assert.True(result.Succeeded, result.Error?.Message);
        var host = Services.Get<SubscriptionHost<AppDbContext>>();
        foreach (var projection in host.Status.Where(s => s.Kind == SubscriberKind.Projection)) await host.RebuildAsync(projection.Name);
        // As a version from before the columns writes its rows during a rolling upgrade: the columns' default.
        await using (var db = await Services.Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
        {
            await db.Users.ExecuteUpdateAsync(s => s.SetProperty(u => u.NormalizedDisplayName, ""));
            await db.Set<MeetingSummary>().ExecuteUpdateAsync(s => s.SetProperty(m => m.SearchTitle, ""));
        }

        await Services.Provider.MigrateDatabaseAsync();

        Assert.Equal(["Zoë"], (await Services.Get<UserDirectory>().SearchAsync("ZOË")).Select(u => u.DisplayName));
        Assert.Single(await Services.Get<MeetingQueries>().MyMeetingsAsync(zoe, MeetingListTab.Upcoming, "café"));
    }
}

public sealed class SearchColumnsMigrationPostgresTests : SearchColumnsMigrationTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
