namespace MeetingsApp.EventStore;

/// <summary>An event as read back from the log: its payload, already upcast to the current shape, and its place.</summary>
public sealed record RecordedEvent(
    long Position,
    Guid StreamId,
    string StreamType,
    string EventType,
    int Version,
    int StoredSchemaVersion,
    object Data,
    EventMetadata Metadata,
    DateTimeOffset CreatedAt)
{
    /// <summary>True when the row was written in an older shape and an upcaster turned it into <see cref="Data"/>.</summary>
    public bool WasUpcast { get; init; }
}

/// <summary>What an append wrote (or, for a repeated command id, what the first append wrote).</summary>
public sealed record AppendResult(Guid StreamId, int FirstVersion, int LastVersion, long LastPosition, bool WasDuplicate);
