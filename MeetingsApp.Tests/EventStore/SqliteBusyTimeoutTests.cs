using System.Data.Common;
using MeetingsApp.Data;
using MeetingsApp.EventStore;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace MeetingsApp.Tests.EventStore;

/// <summary>Every SQLite connection the app opens, by EF Core or by hand, lets SQLite itself wait for a competing writer.</summary>
public sealed class SqliteBusyTimeoutTests : DatabaseTest
{
    [Fact]
    public async Task EveryConnectionTheAppOpens_WaitsForACompetingWriter_AFreshOneOfTheDriverDoesNot()
    {
        var ct = TestContext.Current.CancellationToken;
        await using (var plain = await Services.Get<EventStoreDatabase>().OpenAsync(ct))
            Assert.Equal(SqliteBusyTimeout.Milliseconds, await BusyTimeoutAsync(plain));
        await using (var db = await Services.Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(ct))
        {
            await db.Database.OpenConnectionAsync(ct);
            Assert.Equal(SqliteBusyTimeout.Milliseconds, await BusyTimeoutAsync(db.Database.GetDbConnection()));
        }
        await using var driver = new SqliteConnection(new SqliteConnectionStringBuilder(ConnectionString) { Pooling = false }.ToString());
        await driver.OpenAsync(ct);
        Assert.Equal(0, await BusyTimeoutAsync(driver));
    }

    private static async Task<long> BusyTimeoutAsync(DbConnection connection)
    {
        await using var command = connection.GetCommand("PRAGMA busy_timeout");
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
