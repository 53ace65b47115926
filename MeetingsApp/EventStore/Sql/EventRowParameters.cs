using System.Data.Common;

namespace MeetingsApp.EventStore;

/// <summary>
/// The parameters of <see cref="EventSql.Insert"/> on one command, bound once and given new values per row, so that a
/// loop (an append, an import, the bench) runs the same prepared statement again.
/// </summary>
public sealed class EventRowParameters
{
    private readonly DatabaseProvider _provider;
    private readonly DbParameter? _position;
    private readonly DbParameter _streamId, _streamType, _eventType, _version, _schemaVersion, _data, _meta, _createdAt;

    /// <param name="position">Whether the statement writes the row's own position (<c>@id</c>).</param>
    public EventRowParameters(DbCommand command, DatabaseProvider provider, bool position = false)
    {
        _provider = provider;
        _position = position ? command.AddParameter("@id", null) : null;
        _streamId = command.AddParameter("@stream_id", null);
        _streamType = command.AddParameter("@stream_type", null);
        _eventType = command.AddParameter("@event_type", null);
        _version = command.AddParameter("@version", null);
        _schemaVersion = command.AddParameter("@schema_version", null);
        _data = command.AddParameter("@data", null);
        _meta = command.AddParameter("@meta", null);
        _createdAt = command.AddParameter("@created_at", null);
    }

    public void Set(StoredEvent row)
    {
        if (_position is not null) _position.Value = row.Position;
        _streamId.Value = _provider.StreamIdValue(row.StreamId);
        _streamType.Value = row.StreamType;
        _eventType.Value = row.EventType;
        _version.Value = row.Version;
        _schemaVersion.Value = row.SchemaVersion;
        _data.Value = row.Data;
        _meta.Value = row.Meta;
        _createdAt.Value = row.CreatedAt;
    }
}
