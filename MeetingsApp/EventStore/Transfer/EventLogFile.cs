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

    /// <summary>Writes <paramref name="rows"/> as lines; returns how many.</summary>
    public static async Task<long> WriteAsync(IAsyncEnumerable<StoredEvent> rows, Stream output, CancellationToken ct = default)
    {
        long count = 0;
        var newline = "\n"u8.ToArray();
        await foreach (var row in rows.WithCancellation(ct))
        {
            await using (var json = new Utf8JsonWriter(output, Compact))
            {
                json.WriteStartObject();
                json.WriteNumber("id", row.Position);
                json.WriteString("entity_id", row.StreamId.ToString());
                json.WriteString("entity_type", row.StreamType);
                json.WriteString("event_type", row.EventType);
                json.WriteNumber("entity_version", row.Version);
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
            if (row.Position <= previous) throw new EventLogFormatException(number, $"id {row.Position} does not follow id {previous}");
            previous = row.Position;
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
                Position = root.GetProperty("id").GetInt64(), StreamId = Guid.Parse(Text("entity_id")), StreamType = Text("entity_type"),
                EventType = Text("event_type"), Version = root.GetProperty("entity_version").GetInt32(),
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
