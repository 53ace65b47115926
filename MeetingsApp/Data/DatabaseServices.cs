using MeetingsApp.EventStore;
using Microsoft.EntityFrameworkCore;

namespace MeetingsApp.Data;

public static class DatabaseServices
{
    /// <summary>
    /// Each provider's migrations belong to a context type of their own: the one thing about a provider that Data/ itself
    /// knows. Everything else that differs is the provider's <see cref="DatabaseProvider"/> class.
    /// </summary>
    private static readonly Dictionary<DatabaseProvider, Action<IServiceCollection, Action<DbContextOptionsBuilder>>> Contexts = new()
    {
        [DatabaseProvider.Sqlite] = AddContext<AppDbContext>,
        [DatabaseProvider.Postgres] = AddContext<PostgresDbContext>,
    };

    /// <summary>
    /// The database named by <c>Database:Provider</c> (<c>Sqlite</c>, the default, or <c>Postgres</c>) and
    /// <c>ConnectionStrings:Meetings</c>. Either way the app asks for <see cref="AppDbContext"/>.
    /// </summary>
    public static IServiceCollection AddDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("Meetings")
            ?? throw new InvalidOperationException("ConnectionStrings:Meetings is not set.");
        var provider = DatabaseProvider.Named(configuration["Database:Provider"]);
        Contexts[provider](services, options => provider.Use(options, connectionString));
        services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database");
        return services;
    }

    /// <summary>Applies the checked-in migrations, after the settings the provider keeps in the database itself.</summary>
    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(ct);
        await using var turn = await DatabaseProvider.Of(db).MigrationTurnAsync(db, ct);
        await DatabaseProvider.Of(db).PrepareAsync(db, ct);
        await db.Database.MigrateAsync(ct);
        await SearchColumns.FillMissingAsync(db, ct);
    }

    private static void AddContext<TContext>(IServiceCollection services, Action<DbContextOptionsBuilder> options) where TContext : AppDbContext
    {
        services.AddDbContextFactory<TContext>(options);
        if (typeof(TContext) == typeof(AppDbContext)) return;
        services.AddSingleton<IDbContextFactory<AppDbContext>>(sp => new AsAppDbContext<TContext>(sp.GetRequiredService<IDbContextFactory<TContext>>()));
        services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<TContext>());
    }

    /// <summary>Hands out a provider's own context type (which carries that provider's migrations) as the app's context.</summary>
    private sealed class AsAppDbContext<TContext>(IDbContextFactory<TContext> contexts) : IDbContextFactory<AppDbContext> where TContext : AppDbContext
    {
        public AppDbContext CreateDbContext() => contexts.CreateDbContext();

        public async Task<AppDbContext> CreateDbContextAsync(CancellationToken ct = default) => await contexts.CreateDbContextAsync(ct);
    }
}
