namespace MeetingsApp.EventStore;

/// <summary>
/// One row of the <c>events</c> table, exactly as written, named as <see cref="RecordedEvent"/> names the same things
/// (position, stream, version). Never updated, never deleted.
/// </summary>
public sealed class StoredEvent
{
    /// <summary>Global position: the order of the whole log (column <c>id</c>).</summary>
    public long Position { get; init; }

    /// <summary>The stream (aggregate) id (column <c>entity_id</c>).</summary>
    public Guid StreamId { get; init; }

    public required string StreamType { get; init; }
    public required string EventType { get; init; }

    /// <summary>1, 2, 3 ... within the stream (column <c>entity_version</c>).</summary>
    public int Version { get; init; }

    public int SchemaVersion { get; init; }
    public required string Data { get; init; }
    public required string Meta { get; init; }
    public DateTime CreatedAt { get; init; }
}
