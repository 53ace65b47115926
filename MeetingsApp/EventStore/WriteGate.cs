namespace MeetingsApp.EventStore;

/// <summary>
/// SQLite has one writer per database. Within this process, writers (the append writer, subscribers, rebuilds) take
/// turns here, first come first served, instead of colliding on the file lock and backing off in sleeps. Other
/// processes are still handled by SQLite's busy timeout. Providers with row-level locking need no gate.
/// </summary>
public sealed class WriteGate
{
    private readonly SemaphoreSlim? _turn;

    public WriteGate(bool serialize) => _turn = serialize ? new SemaphoreSlim(1, 1) : null;

    public async Task<IDisposable> EnterAsync(CancellationToken ct)
    {
        if (_turn is null) return NoTurn.Instance;
        await _turn.WaitAsync(ct);
        return new Turn(_turn);
    }

    private sealed class Turn(SemaphoreSlim turn) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) turn.Release();
        }
    }

    private sealed class NoTurn : IDisposable
    {
        public static readonly NoTurn Instance = new();

        public void Dispose() { }
    }
}
