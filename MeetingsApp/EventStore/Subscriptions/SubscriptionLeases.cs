namespace MeetingsApp.EventStore.Subscriptions;

/// <summary>
/// Decides which app instance applies a subscriber's events; the others follow its checkpoint and only tell their own
/// tabs. Correctness never rests on the lease: the checkpoint is locked and compared in the transaction that applies a
/// batch, so even two instances that both believe they hold it apply each event once. The lease saves the duplicate work.
/// </summary>
public interface ISubscriptionLeases : IAsyncDisposable
{
    /// <summary>Whether this instance holds the subscriber's lease now, taking it if it is free.</summary>
    Task<bool> HoldAsync(string subscriber, CancellationToken ct);

    /// <summary>Lets go of one subscriber (it halted here), so that another instance may try where this one cannot.</summary>
    Task ReleaseAsync(string subscriber);

    /// <summary>
    /// Whether another running instance reads events of this type and schema version (a newer app version, during a rolling
    /// upgrade): then this instance hands the subscriber over instead of parking the event.
    /// </summary>
    Task<bool> OtherInstanceReadsAsync(string eventType, int schemaVersion, CancellationToken ct);

    /// <summary>Lets go of every lease this instance holds (it is stopping), so that another instance takes over at once.</summary>
    Task ReleaseAllAsync();
}

/// <summary>
/// SQLite: one machine, one writer at a time. Every instance may apply every subscriber; whoever takes the write lock
/// first applies a batch, and the others see the checkpoint moved.
/// </summary>
public sealed class EveryInstanceApplies : ISubscriptionLeases
{
    public Task<bool> HoldAsync(string subscriber, CancellationToken ct) => Task.FromResult(true);

    public Task ReleaseAsync(string subscriber) => Task.CompletedTask;

    /// <summary>No instance announces what it reads on SQLite (one machine, upgraded as a whole): an unknown event is parked.</summary>
    public Task<bool> OtherInstanceReadsAsync(string eventType, int schemaVersion, CancellationToken ct) => Task.FromResult(false);

    public Task ReleaseAllAsync() => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
