using Microsoft.EntityFrameworkCore;

namespace MeetingsApp.EventStore.Subscriptions;

/// <summary>How far a subscriber has got: the global position of the last event it applied.</summary>
public sealed class SubscriptionCheckpoint
{
    public const string TableName = "subscription_checkpoints";

    public required string Name { get; init; }
    public long Position { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>
    /// How many times a rebuild has replaced the subscriber's tables. An instance that read those tables before it locked the
    /// checkpoint learns from it that they may have been replaced meanwhile, even where the rebuild left the position as it was.
    /// </summary>
    public int Rebuilds { get; set; }
}

public static class SubscriptionModel
{
    /// <summary>Maps the subscribers' checkpoints and parked streams into the application DbContext, beside the tables they write.</summary>
    public static ModelBuilder AddSubscriptionCheckpoints(this ModelBuilder modelBuilder) => modelBuilder.AddParkedStreams().Entity<SubscriptionCheckpoint>(e =>
    {
        e.ToTable(SubscriptionCheckpoint.TableName);
        e.HasKey(x => x.Name);
        e.Property(x => x.Name).HasColumnName("name");
        e.Property(x => x.Position).HasColumnName("position");
        e.Property(x => x.UpdatedAt).HasColumnName("updated_at");
        e.Property(x => x.Rebuilds).HasColumnName("rebuilds");
    });
}
