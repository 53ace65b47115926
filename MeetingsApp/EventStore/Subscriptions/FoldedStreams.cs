using Microsoft.Extensions.Caching.Memory;

namespace MeetingsApp.EventStore.Subscriptions;

/// <summary>
/// A stream as each of its recent events left it, for the reactors that build what they do from that state (the stream as
/// <see cref="SkippedEventStreams.ReadPassableStreamAsync"/> reads it). The state after an event is the state after the
/// one before, evolved by it, so a reactor following the log folds each event once instead of reading its whole stream
/// again; a meeting answered a thousand times would otherwise cost a thousand-event read per answer. The log never
/// changes, so a state kept for (stream, version) never goes stale, and whichever reactor of this process reaches a
/// version first keeps it for the others.
/// </summary>
/// <remarks>Bounded: beyond <c>capacity</c> states the least recently used go first, and any state after ten idle minutes.</remarks>
public sealed class FoldedStreams<TState>(IEventStore store, Func<TState?, object, TState> evolve, int capacity) : IDisposable
    where TState : class
{
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(10);
    private readonly MemoryCache _states = new(new MemoryCacheOptions { SizeLimit = capacity });

    /// <summary>The stream of <paramref name="event"/> as that event (a readable one, not a stand-in) left it.</summary>
    public async Task<TState> AfterAsync(RecordedEvent @event, CancellationToken ct)
    {
        if (_states.TryGetValue((@event.StreamId, @event.Version), out TState? kept)) return kept!;
        TState state;
        if (@event.Version == 1) state = evolve(null, @event.Data);
        else if (_states.TryGetValue((@event.StreamId, @event.Version - 1), out TState? before)) state = evolve(before, @event.Data);
        else state = (await store.ReadPassableStreamAsync(@event, ct)).Aggregate((TState?)null, evolve)!;
        _states.Set((@event.StreamId, @event.Version), state, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = Idle });
        return state;
    }

    public void Dispose() => _states.Dispose();
}
