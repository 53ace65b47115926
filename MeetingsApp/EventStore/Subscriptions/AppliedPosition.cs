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

    public long Value => Volatile.Read(ref _value);

    public void MoveTo(long position)
    {
        List<TaskCompletionSource>? reached = null;
        lock (_lock)
        {
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
