namespace MeetingsApp.EventStore;

/// <summary>
/// A row of the log as a subscriber meets it: the event, or, when this app cannot read it (an unknown type, a newer
/// schema version, a payload no upcaster turns into the current shape), why not. Either way its place is known, so a
/// subscriber can park that one stream and go on with the others.
/// </summary>
public sealed record LogRow(long Position, Guid StreamId, string StreamType, string EventType, int Version, int SchemaVersion,
    RecordedEvent? Event, string? Unreadable, bool UnknownHere = false)
{
    public static LogRow Of(RecordedEvent e) => new(e.Position, e.StreamId, e.StreamType, e.EventType, e.Version, e.StoredSchemaVersion, e, null);
}
