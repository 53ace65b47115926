namespace MeetingsApp.EventStore;

/// <summary>
/// Serialises commands on the same stream within this process, so local writers queue instead of
/// colliding on the version index. Striped: a fixed set of semaphores, so memory does not grow with streams.
/// Writers in other processes are still caught by the expected-version check.
/// </summary>
public sealed class StreamLocks
{
    private readonly SemaphoreSlim[] _stripes = Enumerable.Range(0, 256).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public Task<IDisposable> AcquireAsync(Guid streamId, CancellationToken ct) =>
        Turn.TakeAsync(_stripes[(streamId.GetHashCode() & int.MaxValue) % _stripes.Length], ct);
}
