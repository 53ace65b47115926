namespace MeetingsApp.EventStore;

/// <summary>A turn taken on a semaphore of one slot; disposing it (once, however often called) gives the slot back.</summary>
internal sealed class Turn : IDisposable
{
    public static readonly IDisposable None = new Turn(null);

    private SemaphoreSlim? _slot;

    private Turn(SemaphoreSlim? slot) => _slot = slot;

    public static async Task<IDisposable> TakeAsync(SemaphoreSlim slot, CancellationToken ct)
    {
        await slot.WaitAsync(ct);
        return new Turn(slot);
    }

    public void Dispose() => Interlocked.Exchange(ref _slot, null)?.Release();
}
