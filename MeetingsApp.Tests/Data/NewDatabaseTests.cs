using MeetingsApp.Accounts;
using MeetingsApp.Data;
using MeetingsApp.Tests.EndToEnd;
using MeetingsApp.Verbs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MeetingsApp.Tests.Data;

/// <summary>A new deployment's first start logs no warning and no error: they are the first lines its operator reads.</summary>
public class NewDatabaseTests : DatabaseTest
{
    [Fact]
    public async Task MigratingANewDatabase_LogsNoWarningOrError()
    {
        var log = new LogRecorder();

        await using var fresh = await StartOnAnotherDatabaseAsync(services => services.AddLogging(l => l.AddProvider(log)), @new: true);

        Assert.Empty(log.Entries);
    }

    /// <summary>
    /// The model's own warnings (a column default EF Core would put in place of a value, say) come once per process, when
    /// EF Core first builds the model, which an earlier test has done: here it is built afresh.
    /// </summary>
    [Fact]
    public void TheModel_BuildsWithoutAWarning()
    {
        var log = new LogRecorder();
        using var loggers = LoggerFactory.Create(l => l.AddProvider(log));

        using var db = NewContext(loggers);

        Assert.NotNull(db.Model.FindEntityType(typeof(AppUser)));
        Assert.Empty(log.Entries);
    }

    protected virtual AppDbContext NewContext(ILoggerFactory loggers) => new(Options<AppDbContext>(loggers));

    protected DbContextOptions<T> Options<T>(ILoggerFactory loggers) where T : DbContext =>
        ((DbContextOptionsBuilder<T>)Provider.Use(new DbContextOptionsBuilder<T>(), ConnectionString))
        .UseLoggerFactory(loggers).EnableServiceProviderCaching(false).Options;

    [Fact]
    public async Task TwoInstancesThatStartAtOnce_OnANewDatabase_BothMigrateIt()
    {
        var log = new LogRecorder();
        var database = await CreateDatabaseAsync(@new: true);

        var instances = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
            Task.Run(() => StandaloneServices.CreateAsync(database, services => services.AddLogging(l => l.AddProvider(log)), Provider))));

        try
        {
            foreach (var instance in instances)
            {
                await using var db = await instance.Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
                Assert.Empty(await db.Database.GetPendingMigrationsAsync());
                Assert.Equal(0, await db.Users.CountAsync());
            }
        }
        finally
        {
            foreach (var instance in instances) await instance.DisposeAsync();
        }
        Assert.Empty(log.Entries);
    }
}

/// <summary>The same test on PostgreSQL, whose migrator reads the history table before anything made it.</summary>
public sealed class NewDatabasePostgresTests : NewDatabaseTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override AppDbContext NewContext(ILoggerFactory loggers) => new PostgresDbContext(Options<PostgresDbContext>(loggers));
}

/// <summary>
/// SQLite's <c>AccountMail</c> migration makes <c>email_outbox</c> again by hand, in the migration's one transaction
/// (see the migration): a message queued before it keeps its row and id, and the ids go on after it.
/// </summary>
public sealed class AccountMailMigrationTests : DatabaseTest
{
    [Fact]
    public async Task AMessageQueuedBefore_IsThereAfter_AndTheNextIdFollowsIt()
    {
        await using var db = await Services.Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(db.Database.GetMigrations().Last(m => m.EndsWith("_MeetingProposals", StringComparison.Ordinal)));
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO email_outbox ("Id", "Attempts", "CreatedAt", "EventPosition", "MeetingId", "MessageId", "Method", "Mime",
                "NextAttemptAt", "Purpose", "RecipientId", "Status", "Subject", "To")
            VALUES (41, 2, '2026-12-01 09:00:00+00:00', 7, 'M', 'message-41@test', 'REQUEST', 'mime', '2026-12-01 09:05:00+00:00',
                'invitation', 'R', 0, 'Planning', 'bob@example.com')
            """);

        await Services.Provider.MigrateDatabaseAsync();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal("41 2 7 M R Planning 0", await db.Database.SqlQueryRaw<string>(
            """SELECT "Id" || ' ' || "Attempts" || ' ' || "EventPosition" || ' ' || "MeetingId" || ' ' || "RecipientId" || ' ' || "Subject" || ' ' || "Kind" AS "Value" FROM email_outbox""").SingleAsync());
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO email_outbox ("Attempts", "CreatedAt", "MessageId", "Method", "Mime", "NextAttemptAt", "Purpose", "Status", "Subject", "To", "Kind")
            VALUES (0, '2026-12-01 09:00:00+00:00', 'account-mail@test', 'PUBLISH', 'mime', '2026-12-01 09:00:00+00:00', 'confirm', 0, 'Confirm', 'carol@example.com', 1)
            """);
        Assert.Equal(42, await db.Database.SqlQueryRaw<long>("""SELECT "Id" AS "Value" FROM email_outbox WHERE "MeetingId" IS NULL""").SingleAsync());
        Assert.Equal(4, await db.Database.SqlQueryRaw<int>("""SELECT COUNT(*) AS "Value" FROM sqlite_master WHERE type = 'index' AND tbl_name = 'email_outbox' AND name LIKE 'IX_%'""").SingleAsync());
    }
}
