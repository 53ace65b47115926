using MeetingsApp.Accounts;
using MeetingsApp.Calendar;
using MeetingsApp.Email;
using MeetingsApp.EventStore;
using MeetingsApp.EventStore.Subscriptions;
using MeetingsApp.Meetings;
using MeetingsApp.Notifications;
using MeetingsApp.Timeline;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace MeetingsApp.Data;

/// <summary>
/// The app's one database: the event log, subscriber checkpoints, read models, notifications, accounts, and the keys
/// that protect sign-in cookies (shared by every app instance on the database).
/// Used as is on SQLite, whose migrations are in <c>Migrations/</c>; <see cref="PostgresDbContext"/> is the same model
/// with PostgreSQL's own migrations.
/// </summary>
public class AppDbContext : IdentityDbContext<AppUser, IdentityRole<Guid>, Guid>, IDataProtectionKeyContext
{
    public AppDbContext(DbContextOptions<AppDbContext> options) : base(options) { }

    protected AppDbContext(DbContextOptions options) : base(options) { }

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.AddEventStore(DatabaseProvider.OfEfProvider(Database.ProviderName)).AddSubscriptionCheckpoints();
        modelBuilder.AddMeetingReadModel();
        modelBuilder.AddMeetingVersions();
        modelBuilder.AddNotifications();
        modelBuilder.AddOutbox();
        modelBuilder.AddFreeBusy();
        modelBuilder.Entity<AppUser>().Property(u => u.DisplayName).HasMaxLength(AppUser.DisplayNameMaxLength);
        modelBuilder.Entity<AppUser>().Property(u => u.NormalizedDisplayName).HasMaxLength(AppUser.DisplayNameMaxLength);
        modelBuilder.Entity<AppUser>().Property(u => u.TimeZone).HasMaxLength(64);
        // The defaults are for the rows that were there before these columns. A new account always writes its own
        // values (AppUser has the same defaults): by default EF Core leaves a property whose value is its type's
        // default (false, midnight, no days) out of an insert when the column has a default, and so an imported person
        // who opted out of e-mail would have it back, and one who starts work at midnight would start at 9:00.
        modelBuilder.Entity<AppUser>().Property(u => u.EmailNotifications).HasDefaultValue(true).ValueGeneratedNever();
        modelBuilder.Entity<AppUser>().Property(u => u.WorkDays).HasDefaultValue(WorkDays.MondayToFriday).ValueGeneratedNever();
        modelBuilder.Entity<AppUser>().Property(u => u.WorkStart).HasDefaultValue(WorkingHours.DefaultFrom).ValueGeneratedNever();
        modelBuilder.Entity<AppUser>().Property(u => u.WorkEnd).HasDefaultValue(WorkingHours.DefaultTo).ValueGeneratedNever();
    }
}

/// <summary>The app's database on PostgreSQL: the same model, with its own migrations (in <c>Migrations/Postgres/</c>).</summary>
public sealed class PostgresDbContext(DbContextOptions<PostgresDbContext> options) : AppDbContext(options);
