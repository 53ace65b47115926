using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MeetingsApp.EventStore;

/// <summary>
/// Lets SQLite itself wait for a competing writer (retrying after 1, 2, 5, 10 ... ms) instead of Microsoft.Data.Sqlite's
/// managed retry, which sleeps 150 ms between attempts and would put that pause on the path of every contended write.
/// </summary>
public sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    public const int Milliseconds = 10_000;

    public static void Apply(DbConnection connection)
    {
        // The C call, not a PRAGMA statement: it runs at every open of a pooled connection, where parsing one was a cost.
        if (connection is SqliteConnection { Handle: { } handle }) SQLitePCL.raw.sqlite3_busy_timeout(handle, Milliseconds);
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken ct = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }
}
