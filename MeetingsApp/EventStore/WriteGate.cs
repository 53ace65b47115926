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

    public Task<IDisposable> EnterAsync(CancellationToken ct) => _turn is null ? Task.FromResult(Turn.None) : Turn.TakeAsync(_turn, ct);
}
