using Microsoft.EntityFrameworkCore;

namespace MeetingsApp.EventStore.Subscriptions;

/// <summary>What the workers and the rebuilder of one <see cref="SubscriptionHost{TContext}"/> share.</summary>
internal sealed class SubscriptionRuntime<TContext>(
    IDbContextFactory<TContext> contexts, IEventStore store, AppendSignal signal, CheckpointStore checkpoints,
    SubscriptionObservers observers, WriteGate gate, ISubscriptionLeases leases, SubscriptionOptions options, ILogger logger)
    where TContext : DbContext
{
    private int _rebuilds;

    public IDbContextFactory<TContext> Contexts { get; } = contexts;
    public IEventStore Store { get; } = store;
    public AppendSignal Signal { get; } = signal;
    public CheckpointStore Checkpoints { get; } = checkpoints;
    public SubscriptionObservers Observers { get; } = observers;
    public WriteGate Gate { get; } = gate;
    public ISubscriptionLeases Leases { get; } = leases;
    public SubscriptionOptions Options { get; } = options;
    public ILogger Logger { get; } = logger;

    /// <summary>Whether a rebuild is under way: reactors wait meanwhile.</summary>
    public bool Rebuilding => Volatile.Read(ref _rebuilds) > 0;

    public void RebuildStarted() => Interlocked.Increment(ref _rebuilds);

    public void RebuildEnded() => Interlocked.Decrement(ref _rebuilds);
}
