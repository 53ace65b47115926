namespace MeetingsApp.EventStore;

/// <summary>One row of the <c>events</c> table, exactly as written. Never updated, never deleted.</summary>
public sealed class StoredEvent
{
    /// <summary>Global position: the order of the whole log.</summary>
    public long Id { get; init; }
    public Guid EntityId { get; init; }
    public required string EntityType { get; init; }
    public required string EventType { get; init; }
    public int EntityVersion { get; init; }
    public int SchemaVersion { get; init; }
    public required string Data { get; init; }
    public required string Meta { get; init; }
    public DateTime CreatedAt { get; init; }
}
