using System.Text.Json;
using System.Text.Json.Nodes;

namespace MeetingsApp.EventStore;

/// <summary>Contributes a bounded context's event types (and their upcasters) to the registry.</summary>
public interface IEventTypeMap
{
    void Map(EventTypeRegistry registry);
}

/// <summary>
/// The one explicit mapping between stable stored event names and payload records. A payload's shape
/// changes only with a new schema version; upcasters turn older stored JSON into the current shape
/// when it is read, and the stored rows stay exactly as they were written.
/// </summary>
public sealed class EventTypeRegistry
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Dictionary<string, Registration> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, Registration> _byType = [];
    private readonly Dictionary<(string Name, int FromVersion), Func<JsonObject, JsonObject>> _upcasters = [];

    public EventTypeRegistry(IEnumerable<IEventTypeMap> maps)
    {
        foreach (var map in maps) map.Map(this);
    }

    public IReadOnlyCollection<string> EventTypes => _byName.Keys;

    /// <summary>The schema version this app writes for <paramref name="name"/>; null for a type it does not know.</summary>
    public int? CurrentSchemaVersion(string name) => _byName.TryGetValue(name, out var registration) ? registration.SchemaVersion : null;

    /// <summary>Every (type, schema version) this app reads: the current versions, and older ones that upcast to them.</summary>
    public IEnumerable<(string Name, int SchemaVersion)> Readable => _byName.Values.SelectMany(r =>
        Enumerable.Range(1, r.SchemaVersion).Where(v => Enumerable.Range(v, r.SchemaVersion - v).All(u => _upcasters.ContainsKey((r.Name, u))))
            .Select(v => (r.Name, v)));

    public EventTypeRegistry Register<T>(string name, int schemaVersion = 1) where T : class
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(schemaVersion, 1);
        var registration = new Registration(name, typeof(T), schemaVersion);
        if (!_byName.TryAdd(name, registration)) throw new InvalidOperationException($"Event type '{name}' is registered twice.");
        if (!_byType.TryAdd(typeof(T), registration)) throw new InvalidOperationException($"{typeof(T).Name} is registered twice.");
        return this;
    }

    /// <summary>Registers how a stored <paramref name="name"/> payload of <paramref name="fromVersion"/> becomes the next version.</summary>
    public EventTypeRegistry Upcast(string name, int fromVersion, Func<JsonObject, JsonObject> upcast)
    {
        if (!_upcasters.TryAdd((name, fromVersion), upcast))
            throw new InvalidOperationException($"Upcaster for '{name}' v{fromVersion} is registered twice.");
        return this;
    }

    public (string Name, int SchemaVersion, string Data) Serialize(object payload)
    {
        if (!_byType.TryGetValue(payload.GetType(), out var registration))
            throw new InvalidOperationException($"{payload.GetType().Name} is not a registered event type.");
        return (registration.Name, registration.SchemaVersion, JsonSerializer.Serialize(payload, registration.Type, Json));
    }

    /// <summary>Reads a stored payload as the current record, upcasting it first if it was written in an older shape.</summary>
    public (object Payload, bool WasUpcast) Deserialize(long position, string name, int storedVersion, string data)
    {
        if (!_byName.TryGetValue(name, out var registration))
            throw new UnreadableEventException(position, name, "unknown event type", unknownHere: true);
        if (storedVersion > registration.SchemaVersion)
            throw new UnreadableEventException(position, name, $"schema version {storedVersion} is newer than this app knows ({registration.SchemaVersion})", unknownHere: true);
        try
        {
            if (storedVersion == registration.SchemaVersion)
                return (JsonSerializer.Deserialize(data, registration.Type, Json) ?? throw new JsonException("null payload"), false);

            var node = JsonNode.Parse(data)?.AsObject() ?? throw new JsonException("null payload");
            for (var version = storedVersion; version < registration.SchemaVersion; version++)
            {
                if (!_upcasters.TryGetValue((name, version), out var upcast))
                    throw new UnreadableEventException(position, name, $"no upcaster from schema version {version}");
                node = upcast(node);
            }
            return (node.Deserialize(registration.Type, Json) ?? throw new JsonException("null payload"), true);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            throw new UnreadableEventException(position, name, ex.Message, ex);
        }
    }

    private sealed record Registration(string Name, Type Type, int SchemaVersion);
}
