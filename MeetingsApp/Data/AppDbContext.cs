using MeetingsApp.EventStore;
using Microsoft.EntityFrameworkCore;

namespace MeetingsApp.Data;

/// <summary>The app's one database: the event log, and (as features arrive) read models and accounts.</summary>
public sealed class AppDbContext(DbContextOptions<AppDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.AddEventStore();
}
