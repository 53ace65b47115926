namespace MeetingsApp.EventStore.Subscriptions;

/// <summary>
/// How far one subscriber has applied the log in this instance, and "wait until position p is applied": the worker
/// completes the waiters as it moves (one completion per position waited for), instead of callers polling.
/// </summary>
internal sealed class AppliedPosition
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<long, TaskCompletionSource> _waiting = [];
    private long _value;
    private long _movedAt;

    public long Value => Volatile.Read(ref _value);

    /// <summary>When it last moved on (<see cref="System.Diagnostics.Stopwatch.GetTimestamp"/>; 0 before it ever did).</summary>
    public long MovedAt => Volatile.Read(ref _movedAt);

    public void MoveTo(long position)
    {
        List<TaskCompletionSource>? reached = null;
        lock (_lock)
        {
            if (position > _value) Volatile.Write(ref _movedAt, System.Diagnostics.Stopwatch.GetTimestamp());
            Volatile.Write(ref _value, position);
            while (_waiting.Count > 0 && _waiting.First() is var (first, waiter) && first <= position)
            {
                (reached ??= []).Add(waiter);
                _waiting.Remove(first);
            }
        }
        reached?.ForEach(waiter => waiter.TrySetResult());
    }

    /// <summary>Completes once the subscriber has applied <paramref name="position"/> (at once if it has).</summary>
    public Task WhenReachedAsync(long position)
    {
        lock (_lock)
        {
            if (_value >= position) return Task.CompletedTask;
            if (!_waiting.TryGetValue(position, out var waiter))
                _waiting.Add(position, waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            return waiter.Task;
        }
    }
}
