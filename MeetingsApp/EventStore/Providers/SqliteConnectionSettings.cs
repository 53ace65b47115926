using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MeetingsApp.EventStore;

/// <summary>
/// What every SQLite connection of the app gets as it opens, through EF Core or the event store's own ADO.NET:
/// <list type="bullet">
/// <item>SQLite itself waits for a competing writer (retrying after 1, 2, 5, 10 ... ms) instead of Microsoft.Data.Sqlite's
/// managed retry, which sleeps 150 ms between attempts and would put that pause on the path of every contended write.</item>
/// <item><c>upper()</c> upper-cases every letter, as .NET's <see cref="string.ToUpperInvariant"/> does: SQLite's own only knows
/// ASCII's, and SQL such as the migration that filled in the search columns must agree with the code that fills them now.</item>
/// </list>
/// </summary>
public sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    public const int BusyTimeoutMilliseconds = 10_000;

    public static void Apply(DbConnection connection)
    {
        if (connection is not SqliteConnection sqlite) return;
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds};";
            command.ExecuteNonQuery();
        }
        sqlite.CreateFunction("upper", (string? text) => text?.ToUpperInvariant(), isDeterministic: true);
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken ct = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }
}
