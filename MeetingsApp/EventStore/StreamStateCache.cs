using Microsoft.Extensions.Caching.Memory;

namespace MeetingsApp.EventStore;

/// <summary>
/// The state this process last decided on for a stream, kept for that stream's next command so that the command need not
/// read the stream again. A command handler may decide on it (or, when none is kept, on an empty stream, as a command that
/// creates the stream expects) without reading, because nothing decided on an assumed state is taken on trust: a
/// decision to append is appended at the assumed state's version, so if the stream is elsewhere (another instance or an
/// import wrote to it, or it is not new) the append is refused and the command runs again on a fresh read; and a decision
/// to refuse is made again on a fresh read before it is reported. A state is taken out while its command runs
/// (<see cref="Take"/>) and put back only after its append committed (<see cref="Keep"/>), so a failed, lost or duplicate
/// append leaves nothing behind.
/// </summary>
/// <remarks>Bounded: the least recently used states go first beyond <c>capacity</c> streams, and any state after an idle hour.</remarks>
public sealed class StreamStateCache<TState>(int capacity) : IDisposable where TState : class
{
    private static readonly TimeSpan Idle = TimeSpan.FromHours(1);
    private readonly MemoryCache _states = new(new MemoryCacheOptions { SizeLimit = capacity });

    /// <summary>The stream's cached state, removed from the cache; null when none is kept.</summary>
    public TState? Take(Guid streamId)
    {
        if (!_states.TryGetValue(streamId, out TState? state)) return null;
        _states.Remove(streamId);
        return state;
    }

    /// <summary>Keeps the state a committed append left the stream in.</summary>
    public void Keep(Guid streamId, TState state) =>
        _states.Set(streamId, state, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = Idle });

    public void Dispose() => _states.Dispose();
}
