using System.Data.Common;

namespace MeetingsApp.EventStore;

/// <summary>Which events to list. Every filter is optional; they combine with AND.</summary>
public sealed record EventLogFilter(
    string? EventType = null, Guid? StreamId = null, Guid? UserId = null, Guid? CorrelationId = null, Guid? CommandId = null,
    DateTimeOffset? From = null, DateTimeOffset? To = null);

/// <summary>The whole log read as an auditor reads it: newest first, filtered, a page at a time, counted per day.</summary>
public interface IEventLog
{
    /// <summary>Up to <paramref name="pageSize"/> rows before <paramref name="beforePosition"/> (all when null), newest first.</summary>
    Task<IReadOnlyList<StoredEvent>> PageAsync(EventLogFilter filter, long? beforePosition, int pageSize, CancellationToken ct = default);

    Task<StoredEvent?> GetAsync(long position, CancellationToken ct = default);

    /// <summary>Events per UTC day and event type within the filter.</summary>
    Task<IReadOnlyList<(DateOnly Day, string EventType, int Count)>> CountPerDayAsync(EventLogFilter filter, CancellationToken ct = default);

    /// <summary>Every row in global order, streamed in batches (constant memory).</summary>
    IAsyncEnumerable<StoredEvent> ReadAllRowsAsync(CancellationToken ct = default);

    /// <summary>
    /// Writes rows exactly as given into an empty log, all or nothing, moving <paramref name="skipSubscribers"/> past them
    /// (reactors: what happened elsewhere must not happen again); returns how many.
    /// </summary>
    Task<long> ImportAsync(IAsyncEnumerable<StoredEvent> rows, IReadOnlyCollection<string> skipSubscribers, CancellationToken ct = default);
}

internal static class EventLogSql
{
    /// <summary>The WHERE clause of a filter (always true when empty), its parameters bound on <paramref name="command"/>.</summary>
    public static string Where(EventLogFilter filter, DbCommand command, EventStoreDialect dialect)
    {
        var conditions = new List<string> { "1 = 1" };
        void Add(string condition, string name, object value)
        {
            conditions.Add(condition);
            GroupCommitWriter.Add(command, name, value);
        }
        if (!string.IsNullOrWhiteSpace(filter.EventType)) Add("event_type = @event_type", "@event_type", filter.EventType);
        if (filter.StreamId is { } stream) Add("entity_id = @stream_id", "@stream_id", dialect.StreamIdValue(stream));
        if (filter.UserId is { } user) Add($"{dialect.MetaField("userId")} = @user_id", "@user_id", user.ToString());
        if (filter.CorrelationId is { } correlation) Add($"{dialect.MetaField("correlationId")} = @correlation_id", "@correlation_id", correlation.ToString());
        if (filter.CommandId is { } commandId) Add($"{dialect.MetaField("commandId")} = @command_id", "@command_id", commandId.ToString());
        if (filter.From is { } from) Add("created_at >= @from", "@from", from.UtcDateTime);
        if (filter.To is { } to) Add("created_at <= @to", "@to", to.UtcDateTime);
        return string.Join(" AND ", conditions);
    }

    public static StoredEvent Read(DbDataReader row) => new()
    {
        Id = row.GetInt64(0), EntityId = row.GetGuid(1), EntityType = row.GetString(2), EventType = row.GetString(3),
        EntityVersion = row.GetInt32(4), SchemaVersion = row.GetInt32(5), Data = row.GetString(6), Meta = row.GetString(7),
        CreatedAt = DateTime.SpecifyKind(row.GetDateTime(8), DateTimeKind.Utc),
    };
}
