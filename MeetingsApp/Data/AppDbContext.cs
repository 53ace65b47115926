using MeetingsApp.Accounts;
using MeetingsApp.EventStore;
using MeetingsApp.Meetings;
using MeetingsApp.Notifications;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace MeetingsApp.Data;

/// <summary>The app's one database: the event log, subscriber checkpoints, read models, notifications and accounts.</summary>
public sealed class AppDbContext(DbContextOptions<AppDbContext> options)
    : IdentityDbContext<AppUser, IdentityRole<Guid>, Guid>(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.AddEventStore();
        modelBuilder.AddMeetingReadModel();
        modelBuilder.AddNotifications();
        modelBuilder.Entity<AppUser>().Property(u => u.DisplayName).HasMaxLength(AppUser.DisplayNameMaxLength);
    }
}
