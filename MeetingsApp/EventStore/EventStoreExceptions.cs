namespace MeetingsApp.EventStore;

/// <summary>Another writer appended to the stream first: the caller decided on stale state.</summary>
public sealed class WrongExpectedVersionException(Guid streamId, int expectedVersion, Exception? inner = null)
    : Exception($"Stream {streamId} is no longer at version {expectedVersion}.", inner)
{
    public Guid StreamId { get; } = streamId;
    public int ExpectedVersion { get; } = expectedVersion;
}

/// <summary>A stored row whose event type is not in the registry, or whose data cannot be read.</summary>
public sealed class UnreadableEventException(long position, string eventType, string reason, Exception? inner = null, bool unknownHere = false)
    : Exception($"Event at position {position} ({eventType}) cannot be read: {reason}", inner)
{
    public long Position { get; } = position;
    public string EventType { get; } = eventType;

    /// <summary>This app does not know the type, or not this schema version of it: a newer app version may read it.</summary>
    public bool UnknownHere { get; } = unknownHere;
}
