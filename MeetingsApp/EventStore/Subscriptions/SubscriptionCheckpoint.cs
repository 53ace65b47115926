using Microsoft.EntityFrameworkCore;

namespace MeetingsApp.EventStore.Subscriptions;

/// <summary>How far a subscriber has got: the global position of the last event it applied.</summary>
public sealed class SubscriptionCheckpoint
{
    public const string TableName = "subscription_checkpoints";

    public required string Name { get; init; }
    public long Position { get; set; }
    public DateTime UpdatedAt { get; set; }
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
    });
}
