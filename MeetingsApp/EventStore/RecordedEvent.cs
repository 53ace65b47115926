using System.Text.Json;

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
    DateTimeOffset CreatedAt,
    string RawMetadata)
{
    private EventMetadata? _metadata;

    /// <summary>True when the row was written in an older shape and an upcaster turned it into <see cref="Data"/>.</summary>
    public bool WasUpcast { get; init; }

    /// <summary>Who caused the event; parsed on first use, since folding a stream never needs it.</summary>
    public EventMetadata Metadata => _metadata ??= ParseMetadata();

    private EventMetadata ParseMetadata()
    {
        try
        {
            return JsonSerializer.Deserialize<EventMetadata>(RawMetadata, EventTypeRegistry.Json) ?? throw new JsonException("null metadata");
        }
        catch (JsonException ex)
        {
            throw new UnreadableEventException(Position, EventType, "unreadable metadata", ex);
        }
    }
}

/// <summary>What an append wrote (or, for a repeated command id, what the first append wrote).</summary>
public sealed record AppendResult(Guid StreamId, int FirstVersion, int LastVersion, long LastPosition, bool WasDuplicate);
