using MeetingsApp.EventStore;
using Microsoft.EntityFrameworkCore;
using Npgsql;

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
                services.AddDbContextFactory<PostgresDbContext>(options => options.UseNpgsql(WithSessionSettings(connectionString)));
                services.AddSingleton<IDbContextFactory<AppDbContext>>(sp => new AsAppDbContext<PostgresDbContext>(sp.GetRequiredService<IDbContextFactory<PostgresDbContext>>()));
                services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<PostgresDbContext>());
                break;
        }
        services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database");
        return services;
    }

    /// <summary>
    /// Session settings every connection of the app asks PostgreSQL for (the connection string's own <c>Options</c> win):
    /// the server notices within about half a minute that a client machine has vanished without closing its socket
    /// (its default is the OS's two hours), and ends sessions left idle inside a transaction, so that neither a
    /// subscriber's lease nor the append lock outlives its instance for long.
    /// </summary>
    public static string WithSessionSettings(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.Options = $"-c tcp_keepalives_idle=10 -c tcp_keepalives_interval=5 -c tcp_keepalives_count=3 " +
            $"-c idle_in_transaction_session_timeout=60000 {builder.Options}".TrimEnd();
        return builder.ConnectionString;
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
