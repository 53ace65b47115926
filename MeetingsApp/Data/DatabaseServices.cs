using MeetingsApp.EventStore;
using Microsoft.EntityFrameworkCore;

namespace MeetingsApp.Data;

public enum DatabaseProvider { Sqlite, Postgres }

public static class DatabaseServices
{
    /// <summary>
    /// The database named by <c>Database:Provider</c> (<c>Sqlite</c>, the default, or <c>Postgres</c>) and
    /// <c>ConnectionStrings:Meetings</c>. Either way the app asks for <see cref="AppDbContext"/>.
    /// </summary>
    public static IServiceCollection AddDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("Meetings")
            ?? throw new InvalidOperationException("ConnectionStrings:Meetings is not set.");
        switch (ProviderOf(configuration))
        {
            case DatabaseProvider.Sqlite:
                services.AddDbContextFactory<AppDbContext>(options => options.UseSqlite(connectionString).AddInterceptors(new SqliteBusyTimeout()));
                break;
            case DatabaseProvider.Postgres:
                services.AddDbContextFactory<PostgresDbContext>(options => options.UseNpgsql(connectionString));
                services.AddSingleton<IDbContextFactory<AppDbContext>>(sp => new AsAppDbContext<PostgresDbContext>(sp.GetRequiredService<IDbContextFactory<PostgresDbContext>>()));
                services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<PostgresDbContext>());
                break;
        }
        services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database");
        return services;
    }

    public static DatabaseProvider ProviderOf(IConfiguration configuration) =>
        configuration["Database:Provider"] is not { Length: > 0 } name ? DatabaseProvider.Sqlite
        : Enum.TryParse<DatabaseProvider>(name, ignoreCase: true, out var provider) && Enum.IsDefined(provider) ? provider
        : throw new InvalidOperationException($"Database:Provider must be Sqlite or Postgres, not '{name}'.");

    /// <summary>Applies the checked-in migrations and switches SQLite to write-ahead logging (a persistent setting of the file).</summary>
    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(ct);
        if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        await db.Database.MigrateAsync(ct);
    }

    /// <summary>Hands out a provider's own context type (which carries that provider's migrations) as the app's context.</summary>
    private sealed class AsAppDbContext<TContext>(IDbContextFactory<TContext> contexts) : IDbContextFactory<AppDbContext> where TContext : AppDbContext
    {
        public AppDbContext CreateDbContext() => contexts.CreateDbContext();

        public async Task<AppDbContext> CreateDbContextAsync(CancellationToken ct = default) => await contexts.CreateDbContextAsync(ct);
    }
}
