namespace MeetingsApp.EventStore;

/// <summary>
/// The store's append notification: wakes this process's subscribers as soon as this process has committed an append (the
/// provider's wake-up, such as PostgreSQL's LISTEN, raises it for other processes' appends, and says when another process
/// moved a checkpoint, which only a subscriber following that process needs to hear).
/// </summary>
public sealed class AppendSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _nextCheckpoint = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _head;

    /// <summary>Completes at the next append. Take it before looking for new events, then wait on it: no append is missed.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    /// <summary>The last position this process has committed (0 before its first append); others' appends do not move it.</summary>
    public long Head => Interlocked.Read(ref _head);

    /// <summary>This process committed up to <paramref name="position"/>.</summary>
    public void Committed(long position)
    {
        for (var head = Head; position > head; head = Head)
            if (Interlocked.CompareExchange(ref _head, position, head) == head) break;
        Notify();
    }

    public void Notify() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Completes when a checkpoint was next moved (by any process, as the provider's wake-up tells); taken like <see cref="Next"/>.</summary>
    public Task NextCheckpointMove => Volatile.Read(ref _nextCheckpoint).Task;

    public void CheckpointMoved() =>
        Interlocked.Exchange(ref _nextCheckpoint, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
