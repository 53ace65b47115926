using MeetingsApp.EventStore.Subscriptions;
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

    /// <param name="providerName">The context's provider: on PostgreSQL, data and meta are <c>json</c> columns, which check
    /// the JSON and keep its text exactly as written (<c>jsonb</c> would reorder it).</param>
    public static ModelBuilder AddEventStore(this ModelBuilder modelBuilder, string? providerName)
    {
        var json = providerName == EventStoreDialect.Npgsql ? "json" : null;
        modelBuilder.Entity<StoredEvent>(e =>
        {
            e.ToTable(TableName);
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id").ValueGeneratedOnAdd();
            e.Property(x => x.EntityId).HasColumnName("entity_id");
            e.Property(x => x.EntityType).HasColumnName("entity_type");
            e.Property(x => x.EventType).HasColumnName("event_type");
            e.Property(x => x.EntityVersion).HasColumnName("entity_version");
            e.Property(x => x.SchemaVersion).HasColumnName("schema_version");
            e.Property(x => x.Data).HasColumnName("data").HasColumnType(json);
            e.Property(x => x.Meta).HasColumnName("meta").HasColumnType(json);
            e.Property(x => x.CreatedAt).HasColumnName("created_at").HasConversion(Utc);
            // Also the index for reading one stream: entity_id leads it.
            e.HasIndex(x => new { x.EntityId, x.EntityVersion }).IsUnique().HasDatabaseName(VersionConstraint);
            e.HasIndex(x => x.CreatedAt).HasDatabaseName("ix_events_created_at");
        });
        modelBuilder.Entity<SubscriptionCheckpoint>(e =>
        {
            e.ToTable("subscription_checkpoints");
            e.HasKey(x => x.Name);
            e.Property(x => x.Name).HasColumnName("name");
            e.Property(x => x.Position).HasColumnName("position");
            e.Property(x => x.UpdatedAt).HasColumnName("updated_at");
        });
        return modelBuilder;
    }
}
