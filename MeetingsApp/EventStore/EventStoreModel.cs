using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace MeetingsApp.EventStore;

/// <summary>Maps the <c>events</c> table into any application DbContext.</summary>
public static class EventStoreModel
{
    public const string TableName = "events";
    public const string VersionConstraint = "event_version_constraint";

    /// <summary>Stores and compares instants as UTC; SQLite hands a DateTime back without a Kind.</summary>
    public static readonly ValueConverter<DateTime, DateTime> Utc =
        new(v => v.ToUniversalTime(), v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    /// <param name="provider">The context's provider, which says how <c>data</c> and <c>meta</c> are stored.</param>
    public static ModelBuilder AddEventStore(this ModelBuilder modelBuilder, DatabaseProvider provider)
    {
        var json = provider.JsonColumnType;
        modelBuilder.Entity<StoredEvent>(e =>
        {
            e.ToTable(TableName);
            e.HasKey(x => x.Position);
            e.Property(x => x.Position).HasColumnName("id").ValueGeneratedOnAdd();
            e.Property(x => x.StreamId).HasColumnName("entity_id");
            e.Property(x => x.StreamType).HasColumnName("entity_type");
            e.Property(x => x.EventType).HasColumnName("event_type");
            e.Property(x => x.Version).HasColumnName("entity_version");
            e.Property(x => x.SchemaVersion).HasColumnName("schema_version");
            e.Property(x => x.Data).HasColumnName("data").HasColumnType(json);
            e.Property(x => x.Meta).HasColumnName("meta").HasColumnType(json);
            e.Property(x => x.CreatedAt).HasColumnName("created_at").HasConversion(Utc);
            // Also the index for reading one stream: entity_id leads it.
            e.HasIndex(x => new { x.StreamId, x.Version }).IsUnique().HasDatabaseName(VersionConstraint);
            e.HasIndex(x => x.CreatedAt).HasDatabaseName("ix_events_created_at");
        });
        return modelBuilder;
    }
}
