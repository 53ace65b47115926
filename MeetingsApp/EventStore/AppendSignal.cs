namespace MeetingsApp.EventStore;

/// <summary>
/// The store's append notification: wakes this process's subscribers as soon as this process has committed an append (the
/// provider's wake-up, such as PostgreSQL's LISTEN, raises it for other processes' appends).
/// </summary>
public sealed class AppendSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next append. Take it before looking for new events, then wait on it: no append is missed.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    public void Notify() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
