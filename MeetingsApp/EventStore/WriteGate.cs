namespace MeetingsApp.EventStore;

/// <summary>
/// SQLite has one writer per database. Within this process, writers (the append writer, subscribers, rebuilds) take
/// turns here instead of colliding on the file lock and backing off in sleeps. Someone is waiting on the urgent ones (an
/// append's caller, the open pages a live subscriber tells): they go first, each in order of arrival, and the others
/// (projections and reactors nobody watches, rebuilds) when no urgent writer waits. Other processes are still handled by
/// SQLite's busy timeout. Providers with row-level locking need no gate.
/// </summary>
public sealed class WriteGate(bool serialize)
{
    private readonly object _sync = new();
    private readonly Queue<TaskCompletionSource<IDisposable>> _urgent = new(), _later = new();
    private bool _held;

    /// <summary>Waits for this writer's turn; disposing the result ends it.</summary>
    /// <param name="urgent">Whether someone is waiting on this write (see the class).</param>
    public Task<IDisposable> EnterAsync(CancellationToken ct, bool urgent = true)
    {
        if (!serialize) return Task.FromResult(Turn.None);
        TaskCompletionSource<IDisposable> waiter;
        lock (_sync)
        {
            if (!_held)
            {
                _held = true;
                return Task.FromResult<IDisposable>(new Exit(this));
            }
            waiter = new TaskCompletionSource<IDisposable>(TaskCreationOptions.RunContinuationsAsynchronously);
            (urgent ? _urgent : _later).Enqueue(waiter);
        }
        if (!ct.CanBeCanceled) return waiter.Task;
        // A cancelled waiter stays queued and is passed over when its turn comes.
        var cancel = ct.Register(() => waiter.TrySetCanceled(ct));
        _ = waiter.Task.ContinueWith(_ => cancel.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return waiter.Task;
    }

    private void Leave()
    {
        lock (_sync)
        {
            while (_urgent.TryDequeue(out var next) || _later.TryDequeue(out next))
                if (next.TrySetResult(new Exit(this))) return;
            _held = false;
        }
    }

    /// <summary>A turn; disposing it (once, however often called) lets the next writer in.</summary>
    private sealed class Exit(WriteGate gate) : IDisposable
    {
        private WriteGate? _gate = gate;

        public void Dispose() => Interlocked.Exchange(ref _gate, null)?.Leave();
    }
}
