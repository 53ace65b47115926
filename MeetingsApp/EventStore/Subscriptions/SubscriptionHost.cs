using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MeetingsApp.EventStore.Subscriptions;

/// <summary>
/// Runs every subscriber of this app instance, each in a <see cref="SubscriptionWorker{TContext}"/> following the log by
/// global position from its own checkpoint (kept by <see cref="CheckpointStore"/>); rebuilds projections through a
/// <see cref="ProjectionRebuilder{TContext}"/>. Where several instances share a database, the one holding a subscriber's
/// lease applies its events; the others follow its checkpoint, so that their observers (live updates) still hear of
/// every event.
/// </summary>
public sealed class SubscriptionHost<TContext> : BackgroundService where TContext : DbContext
{
    private readonly Dictionary<string, SubscriptionWorker<TContext>> _workers;
    private readonly ProjectionRebuilder<TContext> _rebuilder;
    private readonly ISubscriptionLeases _leases;

    public SubscriptionHost(IEnumerable<ISubscriber<TContext>> subscribers, IDbContextFactory<TContext> contexts, IEventStore store,
        AppendSignal signal, CheckpointStore checkpoints, IEnumerable<ISubscriptionObserver> observers, IOptions<SubscriptionOptions> options,
        WriteGate gate, ISubscriptionLeases leases, ILogger<SubscriptionHost<TContext>> logger)
    {
        var runtime = new SubscriptionRuntime<TContext>(contexts, store, signal, checkpoints, new SubscriptionObservers(observers, logger),
            gate, leases, options.Value, logger);
        _workers = subscribers.ToDictionary(s => s.Name, s => new SubscriptionWorker<TContext>(s, runtime));
        runtime.Watched = _workers.Values.Where(w => w.Watched).Select(w => w.Applied).ToList();
        _rebuilder = new ProjectionRebuilder<TContext>(runtime);
        _leases = leases;
    }

    public IReadOnlyList<SubscriptionStatus> Status => _workers.Values.Select(w => w.Status).ToList();

    /// <summary>
    /// Waits until every subscriber (or just <paramref name="subscriber"/>) has applied the log up to <paramref name="position"/>:
    /// how a page reads its own write from a read model, and how tests wait for projections. The workers complete the wait
    /// as they move.
    /// </summary>
    public async Task WaitForAsync(long position, TimeSpan timeout, string? subscriber = null, CancellationToken ct = default)
    {
        var waits = _workers.Values.Where(w => subscriber is null || w.Subscriber.Name == subscriber).Select(w => w.Applied.WhenReachedAsync(position));
        try
        {
            await Task.WhenAll(waits).WaitAsync(timeout, ct);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Subscribers did not reach position {position}: " +
                string.Join(", ", _workers.Values.Select(w => $"{w.Subscriber.Name} at {w.Position} ({w.State} {w.Error})")));
        }
    }

    /// <summary>Rebuilds the projection called <paramref name="name"/> from position 0; see <see cref="ProjectionRebuilder{TContext}"/>.</summary>
    public async Task RebuildAsync(string name, CancellationToken ct = default)
    {
        var worker = _workers.GetValueOrDefault(name) ?? throw new ArgumentException($"No subscriber is called '{name}'.", nameof(name));
        if (worker.Subscriber is not IProjection<TContext> projection) throw new InvalidOperationException($"{name} is a reactor: reactors are never replayed.");
        await _rebuilder.RebuildAsync(worker, projection, ct);
    }

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        await Task.Yield();
        await Task.WhenAll(_workers.Values.Select(w => w.RunAsync(ct)));
    }

    public override async Task StopAsync(CancellationToken ct)
    {
        await base.StopAsync(ct);
        await _leases.ReleaseAllAsync();
    }
}
