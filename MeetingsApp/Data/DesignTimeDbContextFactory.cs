using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace MeetingsApp.Data;

/// <summary>Lets <c>dotnet ef migrations add ... --context AppDbContext</c> build the SQLite model without starting the app.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<AppDbContext>().UseSqlite("Data Source=design.db").Options);
}

/// <summary>Lets <c>dotnet ef migrations add ... --context PostgresDbContext</c> build the PostgreSQL model; it connects to nothing.</summary>
internal sealed class DesignTimePostgresDbContextFactory : IDesignTimeDbContextFactory<PostgresDbContext>
{
    public PostgresDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresDbContext>().UseNpgsql("Host=localhost;Database=design").Options);
}
