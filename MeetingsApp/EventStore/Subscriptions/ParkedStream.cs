using Microsoft.EntityFrameworkCore;

namespace MeetingsApp.EventStore.Subscriptions;

/// <summary>
/// A stream one subscriber has parked: the first event it could not read or apply, which it and every later event of the
/// same stream wait behind (in order) until an operator's <see cref="IParkingDecision"/> releases them. Written in the
/// transaction that moves the subscriber's checkpoint, so parking, applying and moving on commit together.
/// </summary>
public sealed class ParkedStream
{
    public const string TableName = "subscription_parked_streams";

    public required string Subscriber { get; init; }
    public Guid StreamId { get; init; }
    public required string StreamType { get; init; }

    /// <summary>The global position of the first parked event.</summary>
    public long Position { get; set; }

    public string EventType { get; set; } = "";
    public int Version { get; set; }
    public int SchemaVersion { get; set; }
    public string Error { get; set; } = "";
    public DateTime ParkedAt { get; set; }
}

public static class ParkedStreamModel
{
    public static ModelBuilder AddParkedStreams(this ModelBuilder modelBuilder) => modelBuilder.Entity<ParkedStream>(e =>
    {
        e.ToTable(ParkedStream.TableName);
        e.HasKey(x => new { x.Subscriber, x.StreamId });
        e.Property(x => x.Subscriber).HasColumnName("subscriber");
        e.Property(x => x.StreamId).HasColumnName("stream_id");
        e.Property(x => x.StreamType).HasColumnName("stream_type");
        e.Property(x => x.Position).HasColumnName("position");
        e.Property(x => x.EventType).HasColumnName("event_type");
        e.Property(x => x.Version).HasColumnName("version");
        e.Property(x => x.SchemaVersion).HasColumnName("schema_version");
        e.Property(x => x.Error).HasColumnName("error");
        e.Property(x => x.ParkedAt).HasColumnName("parked_at").HasConversion(EventStoreModel.Utc);
    });
}
