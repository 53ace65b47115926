using MeetingsApp.EventStore;
using Microsoft.EntityFrameworkCore;

namespace MeetingsApp.Data;

public static class DatabaseServices
{
    public static IServiceCollection AddDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("Meetings")
            ?? throw new InvalidOperationException("ConnectionStrings:Meetings is not set.");
        services.AddDbContextFactory<AppDbContext>(options => options.UseSqlite(connectionString).AddInterceptors(new SqliteBusyTimeout()));
        services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database");
        return services;
    }

    /// <summary>Applies the checked-in migrations and switches SQLite to write-ahead logging (a persistent setting of the file).</summary>
    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(ct);
        if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        await db.Database.MigrateAsync(ct);
    }
}
