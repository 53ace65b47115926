using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace MeetingsApp.EventStore;

/// <summary>A line of an event log file that cannot be imported; nothing of the file was written.</summary>
public sealed class EventLogFormatException(int line, string reason, Exception? inner = null)
    : Exception($"line {line}: {reason}", inner)
{
    public int Line { get; } = line;
}

/// <summary>
/// The event log as JSON lines, one stored row per line, exactly as stored: ids, versions, times, schema versions,
/// and data and meta as their raw JSON. Exporting and importing stream the rows, so memory stays constant.
/// </summary>
public static class EventLogFile
{
    private static readonly JsonWriterOptions Compact = new() { Indented = false };

    public static async Task<long> ExportAsync(IEventLog log, Stream output, CancellationToken ct = default)
    {
        long count = 0;
        var newline = "\n"u8.ToArray();
        await foreach (var row in log.ReadAllRowsAsync(ct))
        {
            await using (var json = new Utf8JsonWriter(output, Compact))
            {
                json.WriteStartObject();
                json.WriteNumber("id", row.Id);
                json.WriteString("entity_id", row.EntityId.ToString());
                json.WriteString("entity_type", row.EntityType);
                json.WriteString("event_type", row.EventType);
                json.WriteNumber("entity_version", row.EntityVersion);
                json.WriteNumber("schema_version", row.SchemaVersion);
                json.WritePropertyName("data");
                json.WriteRawValue(row.Data);
                json.WritePropertyName("meta");
                json.WriteRawValue(row.Meta);
                json.WriteString("created_at", row.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
                json.WriteEndObject();
            }
            await output.WriteAsync(newline, ct);
            count++;
        }
        await output.FlushAsync(ct);
        return count;
    }

    /// <summary>Reads rows line by line; a malformed line throws <see cref="EventLogFormatException"/> naming it.</summary>
    public static async IAsyncEnumerable<StoredEvent> ReadAsync(TextReader reader, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var number = 0;
        long previous = 0;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            number++;
            if (line.Length == 0) continue;
            var row = Parse(line, number);
            if (row.Id <= previous) throw new EventLogFormatException(number, $"id {row.Id} does not follow id {previous}");
            previous = row.Id;
            yield return row;
        }
    }

    private static StoredEvent Parse(string line, int number)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            string Text(string name) => root.GetProperty(name).GetString() is { Length: > 0 } text ? text : throw new FormatException($"{name} is empty");
            string Object(string name) => root.GetProperty(name) is { ValueKind: JsonValueKind.Object } value ? value.GetRawText() : throw new FormatException($"{name} is not a JSON object");
            return new StoredEvent
            {
                Id = root.GetProperty("id").GetInt64(), EntityId = Guid.Parse(Text("entity_id")), EntityType = Text("entity_type"),
                EventType = Text("event_type"), EntityVersion = root.GetProperty("entity_version").GetInt32(),
                SchemaVersion = root.GetProperty("schema_version").GetInt32(), Data = Object("data"), Meta = Object("meta"),
                CreatedAt = DateTime.Parse(Text("created_at"), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
            };
        }
        catch (Exception ex) when (ex is JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            throw new EventLogFormatException(number, ex.Message, ex);
        }
    }

    public static Encoding Encoding { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
}
