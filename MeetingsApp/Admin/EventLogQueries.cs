using System.Data.Common;
using System.Globalization;
using MeetingsApp.EventStore;

namespace MeetingsApp.Admin;

/// <summary>Which events to list. Every filter is optional; they combine with AND.</summary>
public sealed record EventLogFilter(
    string? EventType = null, Guid? StreamId = null, Guid? UserId = null, Guid? CorrelationId = null, Guid? CommandId = null,
    DateTimeOffset? From = null, DateTimeOffset? To = null);

/// <summary>
/// The whole log read as an auditor reads it: newest first, filtered, a page at a time, counted per day. Reporting over
/// the store's table with the store's SQL helpers, not part of the store itself.
/// </summary>
public sealed class EventLogQueries(EventStoreDatabase database)
{
    private DatabaseProvider Provider => database.Provider;

    /// <summary>Up to <paramref name="pageSize"/> rows before <paramref name="beforePosition"/> (all when null), newest first.</summary>
    public async Task<IReadOnlyList<StoredEvent>> PageAsync(EventLogFilter filter, long? beforePosition, int pageSize, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        var where = Where(filter, command);
        if (beforePosition is { } before)
        {
            where += " AND id < @before";
            command.Add("@before", before);
        }
        command.Add("@page", pageSize);
        command.CommandText = $"{EventSql.SelectRows} WHERE {where} ORDER BY id DESC LIMIT @page";
        return await EventSql.ReadRowsAsync(command, ct);
    }

    public async Task<StoredEvent?> GetAsync(long position, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = connection.GetCommand($"{EventSql.SelectRows} WHERE id = @id").Add("@id", position);
        return (await EventSql.ReadRowsAsync(command, ct)).SingleOrDefault();
    }

    /// <summary>Events per UTC day and event type within the filter.</summary>
    public async Task<IReadOnlyList<(DateOnly Day, string EventType, int Count)>> CountPerDayAsync(EventLogFilter filter, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        var where = Where(filter, command);
        command.CommandText = $"SELECT {Provider.DayOf("created_at")} AS day, event_type, COUNT(*) FROM events WHERE {where} GROUP BY day, event_type ORDER BY day";
        await using var reader = await command.ExecuteReaderAsync(ct);
        var counts = new List<(DateOnly, string, int)>();
        while (await reader.ReadAsync(ct))
            counts.Add((DateOnly.Parse(reader.GetString(0), CultureInfo.InvariantCulture), reader.GetString(1), Convert.ToInt32(reader.GetValue(2))));
        return counts;
    }

    /// <summary>The WHERE clause of a filter (always true when empty), its parameters bound on <paramref name="command"/>.</summary>
    private string Where(EventLogFilter filter, DbCommand command)
    {
        var conditions = new List<string> { "1 = 1" };
        void Add(string condition, string name, object value)
        {
            conditions.Add(condition);
            command.Add(name, value);
        }
        if (!string.IsNullOrWhiteSpace(filter.EventType)) Add("event_type = @event_type", "@event_type", filter.EventType);
        if (filter.StreamId is { } stream) Add("entity_id = @stream_id", "@stream_id", Provider.StreamIdValue(stream));
        if (filter.UserId is { } user) Add($"{Provider.MetaField("userId")} = @user_id", "@user_id", user.ToString());
        if (filter.CorrelationId is { } correlation) Add($"{Provider.MetaField("correlationId")} = @correlation_id", "@correlation_id", correlation.ToString());
        if (filter.CommandId is { } commandId) Add($"{Provider.MetaField("commandId")} = @command_id", "@command_id", commandId.ToString());
        if (filter.From is { } from) Add("created_at >= @from", "@from", from.UtcDateTime);
        if (filter.To is { } to) Add("created_at <= @to", "@to", to.UtcDateTime);
        return string.Join(" AND ", conditions);
    }
}
