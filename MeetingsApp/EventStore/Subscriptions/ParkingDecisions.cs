using System.Security.Cryptography;
using System.Text;

namespace MeetingsApp.EventStore.Subscriptions;

/// <summary>
/// An operator's decision about one subscriber's parked stream, recorded as an event of that subscriber's own stream
/// (who and when are the event's metadata and time; why is <see cref="Reason"/>), so the log explains itself. Every
/// subscriber reads the log in order, so it meets the decision at its own position and acts on it there, in the same
/// transaction as its checkpoint; a rebuild reads the decisions first and acts on them at the same places.
/// A decision counts only while the stream is still parked at <see cref="Position"/>: a second click is a no-op.
/// </summary>
public interface IParkingDecision
{
    string Subscriber { get; }
    Guid StreamId { get; }

    /// <summary>The first parked event the operator saw.</summary>
    long Position { get; }

    string Reason { get; }
}

/// <summary>Apply the parked events in order (after an upgrade, or an upcaster fix); a reactor's side effects happen now.</summary>
public sealed record ParkedStreamRetried(string Subscriber, Guid StreamId, long Position, string Reason) : IParkingDecision;

/// <summary>Pass over the first parked event (it stays in the log) and apply the stream's later events.</summary>
public sealed record ParkedEventSkipped(string Subscriber, Guid StreamId, long Position, string Reason) : IParkingDecision;

/// <summary>
/// A reactor passes over the parked events without causing their side effects now (see <see cref="IQuietReactor{TContext}"/>):
/// say, week-old invitations recorded as not sent, with the reason. A projection simply applies them.
/// </summary>
public sealed record ParkedStreamReleasedQuietly(string Subscriber, Guid StreamId, long Position, string Reason) : IParkingDecision;

/// <summary>The decisions' stable names, and the stream each subscriber's decisions are written to.</summary>
public sealed class ParkingEvents : IEventTypeMap
{
    public const string StreamType = "Subscription";

    /// <summary>One stream per subscriber, its id derived from the name, so every instance finds the same one.</summary>
    public static Guid StreamOf(string subscriber) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"subscription:{subscriber}")).AsSpan(0, 16));

    public void Map(EventTypeRegistry registry) => registry
        .Register<ParkedStreamRetried>("parked_stream_retried")
        .Register<ParkedEventSkipped>("parked_event_skipped")
        .Register<ParkedStreamReleasedQuietly>("parked_stream_released_quietly");
}

/// <summary>Records an operator's decision; the subscribers act on it as they reach it in the log.</summary>
public sealed class ParkingDecisions(IEventStore store)
{
    public async Task<AppendResult> RecordAsync(IParkingDecision decision, EventMetadata metadata, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(decision.Reason);
        var stream = ParkingEvents.StreamOf(decision.Subscriber);
        for (var attempt = 1; ; attempt++)
        {
            var version = (await store.ReadStreamAsync(stream, ct: ct)).Count;
            try
            {
                return await store.AppendAsync(stream, ParkingEvents.StreamType, version, [decision], metadata, ct);
            }
            catch (WrongExpectedVersionException) when (attempt < 5)
            {
                // Another operator decided about the same subscriber at the same moment: add ours after theirs.
            }
        }
    }

    /// <summary>Every decision about <paramref name="subscriber"/>, with the position it was recorded at, in log order.</summary>
    public async Task<IReadOnlyList<(IParkingDecision Decision, long Position)>> ReadAsync(string subscriber, CancellationToken ct = default) =>
        (await store.ReadStreamAsync(ParkingEvents.StreamOf(subscriber), ct: ct))
            .Select(e => ((IParkingDecision)e.Data, e.Position)).ToList();
}
