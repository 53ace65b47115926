using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace MeetingsApp.EventStore;

/// <summary>The database of an event store: which provider, and where.</summary>
public sealed record EventStoreDatabase(DatabaseProvider Provider, string ConnectionString)
{
    public static EventStoreDatabase Of(DbContext db) => new(DatabaseProvider.Of(db), db.Database.GetConnectionString()!);

    public Task<DbConnection> OpenAsync(CancellationToken ct) => Provider.OpenAsync(ConnectionString, ct);
}
