using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MeetingsApp.EventStore.Subscriptions;

/// <summary>
/// Runs every subscriber of this app instance, each following the log by global position from its own checkpoint.
/// A batch's effects and the new checkpoint commit in one transaction, so a crash neither skips nor repeats an event.
/// An event that cannot be read halts its subscriber at that position (reported, retried); it is never skipped.
/// Where several instances share a database, the one holding a subscriber's lease applies its events; the others follow
/// its checkpoint, so that their observers (live updates) still hear of every event.
/// </summary>
public sealed class SubscriptionHost<TContext> : BackgroundService where TContext : DbContext
{
    private readonly Dictionary<string, Worker> _workers;
    private readonly IDbContextFactory<TContext> _contexts;
    private readonly IEventStore _store;
    private readonly AppendSignal _signal;
    private readonly IReadOnlyList<ISubscriptionObserver> _observers;
    private readonly TimeProvider _clock;
    private readonly SubscriptionOptions _options;
    private readonly ILogger _logger;
    private readonly WriteGate _gate;
    private readonly ISubscriptionLeases _leases;
    private int _rebuilds;

    public SubscriptionHost(IEnumerable<ISubscriber<TContext>> subscribers, IDbContextFactory<TContext> contexts, IEventStore store,
        AppendSignal signal, IEnumerable<ISubscriptionObserver> observers, TimeProvider clock, IOptions<SubscriptionOptions> options,
        WriteGate gate, ISubscriptionLeases leases, ILogger<SubscriptionHost<TContext>> logger)
    {
        _workers = subscribers.ToDictionary(s => s.Name, s => new Worker(s));
        (_contexts, _store, _signal, _observers, _clock, _options, _gate, _leases, _logger) =
            (contexts, store, signal, observers.ToList(), clock, options.Value, gate, leases, logger);
    }

    public IReadOnlyList<SubscriptionStatus> Status =>
        _workers.Values.Select(w => new SubscriptionStatus(w.Subscriber.Name, w.Subscriber.Kind, w.Position, w.State, w.Error, w.Progress)).ToList();

    /// <summary>
    /// Waits until every subscriber (or just <paramref name="subscriber"/>) has applied the log up to <paramref name="position"/>:
    /// how a page reads its own write from a read model, and how tests wait for projections.
    /// </summary>
    public async Task WaitForAsync(long position, TimeSpan timeout, CancellationToken ct = default, string? subscriber = null)
    {
        var deadline = Stopwatch.StartNew();
        while (_workers.Values.Any(w => (subscriber is null || w.Subscriber.Name == subscriber) && w.Position < position))
        {
            if (deadline.Elapsed > timeout)
                throw new TimeoutException($"Subscribers did not reach position {position}: " +
                    string.Join(", ", _workers.Values.Select(w => $"{w.Subscriber.Name} at {w.Position} ({w.State} {w.Error})")));
            await Task.Delay(10, ct);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        await Task.Yield();
        await Task.WhenAll(_workers.Values.Select(w => RunAsync(w, ct)));
    }

    public override async Task StopAsync(CancellationToken ct)
    {
        await base.StopAsync(ct);
        await _leases.ReleaseAllAsync();
    }

    private async Task RunAsync(Worker worker, CancellationToken ct)
    {
        var started = false;
        while (!ct.IsCancellationRequested)
        {
            var wake = _signal.Next;
            int applied;
            try
            {
                if (!started)
                {
                    worker.Position = await StartCheckpointAsync(worker.Subscriber.Name, ct);
                    started = true;
                }
                applied = await StepAsync(worker, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "Subscriber {Subscriber} halted after position {Position}", worker.Subscriber.Name, worker.Position);
                (worker.State, worker.Error) = (SubscriptionState.Halted, ex.Message);
                // Another instance (say, a newer version that knows the event that stopped this one) may do better.
                await _leases.ReleaseAsync(worker.Subscriber.Name);
                await Task.Delay(_options.RetryDelay, ct).ContinueWith(_ => { }, CancellationToken.None);
                continue;
            }
            if (applied == 0)
                await Task.WhenAny(wake, Task.Delay(_options.PollInterval, ct)).ContinueWith(_ => { }, CancellationToken.None);
        }
    }

    private async Task<long> StartCheckpointAsync(string name, CancellationToken ct)
    {
        await using var db = await _contexts.CreateDbContextAsync(ct);
        return (await LockCheckpointAsync(db, name, ct)).Position;
    }

    /// <summary>Applies the next batch after the checkpoint, or follows the instance that does; returns how many events moved.</summary>
    private async Task<int> StepAsync(Worker worker, CancellationToken ct)
    {
        IReadOnlyList<RecordedEvent> committed;
        await worker.Gate.WaitAsync(ct);
        try
        {
            var holds = await _leases.HoldAsync(worker.Subscriber.Name, ct);
            if (holds && worker.Subscriber.Kind == SubscriberKind.Reactor && Volatile.Read(ref _rebuilds) > 0) return 0;
            committed = holds ? await ApplyNextBatchAsync(worker, ct) : await FollowAsync(worker, ct);
            (worker.State, worker.Error) = (holds ? SubscriptionState.Running : SubscriptionState.Following, null);
        }
        finally
        {
            worker.Gate.Release();
        }
        if (committed.Count == 0) return 0;
        await NotifyObserversAsync(worker.Subscriber.Name, committed, ct);
        return committed.Count;
    }

    /// <summary>
    /// Applies the batch after this instance's position and returns it; or, when the checkpoint turns out to have moved
    /// (another instance, or a rebuild, got there first), returns what was applied elsewhere so this instance's
    /// observers still hear of it.
    /// </summary>
    private async Task<IReadOnlyList<RecordedEvent>> ApplyNextBatchAsync(Worker worker, CancellationToken ct)
    {
        // Read before the transaction starts: on SQLite a write transaction holds the one write lock.
        var batch = await ReadBatchAsync(worker.Position, ct);
        if (batch.Count == 0) return batch;
        await using var db = await _contexts.CreateDbContextAsync(ct);
        using var turn = await _gate.EnterAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var checkpoint = await LockCheckpointAsync(db, worker.Subscriber.Name, ct);
        if (checkpoint.Position != worker.Position)
        {
            worker.Position = Math.Min(checkpoint.Position, batch[^1].Position);
            return batch.Where(e => e.Position <= worker.Position).ToList();
        }
        foreach (var e in batch)
        {
            await worker.Subscriber.ApplyAsync(db, e, ct);
            await db.SaveChangesAsync(ct);
        }
        (checkpoint.Position, checkpoint.UpdatedAt) = (batch[^1].Position, _clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        worker.Position = checkpoint.Position;
        return batch;
    }

    /// <summary>
    /// Another instance holds the subscriber: reads how far it has got, and returns the events it applied since this
    /// instance last looked.
    /// </summary>
    private async Task<IReadOnlyList<RecordedEvent>> FollowAsync(Worker worker, CancellationToken ct)
    {
        long committed;
        await using (var db = await _contexts.CreateDbContextAsync(ct))
            committed = await db.Set<SubscriptionCheckpoint>().Where(c => c.Name == worker.Subscriber.Name).Select(c => c.Position).SingleAsync(ct);
        if (committed <= worker.Position) return [];
        var events = await _store.ReadAllAsync(worker.Position, _options.BatchSize, ct, beforePosition: committed + 1);
        worker.Position = events.Count == _options.BatchSize ? events[^1].Position : committed;
        return events;
    }

    /// <summary>The events after <paramref name="position"/>, stopping short of one that cannot be read (which then halts us).</summary>
    private async Task<IReadOnlyList<RecordedEvent>> ReadBatchAsync(long position, CancellationToken ct)
    {
        try
        {
            return await _store.ReadAllAsync(position, _options.BatchSize, ct);
        }
        catch (UnreadableEventException ex) when (ex.Position > position + 1)
        {
            return await _store.ReadAllAsync(position, _options.BatchSize, ct, beforePosition: ex.Position);
        }
    }

    /// <summary>
    /// Rebuilds a projection from position 0: its live updates pause meanwhile and reactors do not run. The log is
    /// read and folded before any transaction opens (appends carry on); the new tables and the checkpoint are then
    /// written in one transaction, so readers see the old tables until the new ones commit.
    /// </summary>
    public async Task RebuildAsync(string name, CancellationToken ct = default)
    {
        var worker = _workers.GetValueOrDefault(name) ?? throw new ArgumentException($"No subscriber is called '{name}'.", nameof(name));
        if (worker.Subscriber is not IProjection<TContext> projection) throw new InvalidOperationException($"{name} is a reactor: reactors are never replayed.");

        await worker.Gate.WaitAsync(ct);
        Interlocked.Increment(ref _rebuilds);
        var (previous, told) = (worker.State, worker.Position);
        var rebuiltTo = told;
        try
        {
            var head = await _store.ReadHeadAsync(ct);
            var watch = Stopwatch.StartNew();
            (worker.State, worker.Progress) = (SubscriptionState.Rebuilding, new RebuildProgress(0, head, TimeSpan.Zero));
            _logger.LogInformation("Rebuilding {Projection} from {Events} events", name, head);

            var write = await projection.RebuildAsync(ReadLogAsync(head, done => worker.Progress = new(done, head, watch.Elapsed), ct), ct);
            await using var db = await _contexts.CreateDbContextAsync(ct);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            using var turn = await _gate.EnterAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var checkpoint = await LockCheckpointAsync(db, name, ct);
            await write(db, ct);
            db.ChangeTracker.AutoDetectChangesEnabled = true;
            // Another instance may have applied events past this rebuild's head meanwhile: they go on top, once.
            var position = Math.Max(head, checkpoint.Position);
            foreach (var e in position > head ? await _store.ReadAllAsync(head, int.MaxValue, ct, beforePosition: position + 1) : [])
            {
                await projection.ApplyAsync(db, e, ct);
                await db.SaveChangesAsync(ct);
            }
            (checkpoint.Position, checkpoint.UpdatedAt) = (position, _clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            worker.Position = rebuiltTo = position;
            _logger.LogInformation("Rebuilt {Projection}: {Events} events in {Elapsed}", name, head, watch.Elapsed);
        }
        finally
        {
            (worker.State, worker.Progress) = (previous == SubscriptionState.Rebuilding ? SubscriptionState.Running : previous, null);
            worker.Gate.Release();
            Interlocked.Decrement(ref _rebuilds);
            _signal.Notify();
        }
        // Events that reached the tables through the rebuild, not through this instance's worker: its tabs hear of them too.
        while (_observers.Count > 0 && told < rebuiltTo)
        {
            var missed = await _store.ReadAllAsync(told, _options.BatchSize, ct, beforePosition: rebuiltTo + 1);
            if (missed.Count == 0) break;
            await NotifyObserversAsync(name, missed, ct);
            told = missed[^1].Position;
        }
    }

    /// <summary>
    /// The log up to <paramref name="head"/> in order, in ranges of positions read two at a time on pool threads
    /// (SQLite's reads complete synchronously), so reading and decoding use both cores while the caller folds.
    /// </summary>
    private async IAsyncEnumerable<IReadOnlyList<RecordedEvent>> ReadLogAsync(long head, Action<long> progress, [EnumeratorCancellation] CancellationToken ct)
    {
        const int range = 5_000;
        var reads = new Queue<Task<IReadOnlyList<RecordedEvent>>>();
        long next = 0, done = 0;
        void ReadNext()
        {
            var after = next;
            next += range;
            reads.Enqueue(Task.Run(() => _store.ReadAllAsync(after, range, ct, beforePosition: Math.Min(after + range, head) + 1), ct));
        }
        while (next < head && reads.Count < 2) ReadNext();
        while (reads.Count > 0)
        {
            var batch = await reads.Dequeue();
            if (next < head) ReadNext();
            if (batch.Count == 0) continue;
            yield return batch;
            progress(done += batch.Count);
        }
    }

    /// <summary>
    /// The subscriber's checkpoint row, created at 0 if missing (by whichever instance comes first). In a transaction it
    /// is locked: on PostgreSQL by FOR UPDATE, so a concurrent applier waits and then sees the moved checkpoint; on
    /// SQLite the transaction already holds the database's one write lock.
    /// </summary>
    private async Task<SubscriptionCheckpoint> LockCheckpointAsync(TContext db, string name, CancellationToken ct)
    {
        await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO subscription_checkpoints (name, position, updated_at) VALUES ({0}, 0, {1}) ON CONFLICT (name) DO NOTHING",
            [name, _clock.GetUtcNow().UtcDateTime], ct);
        var query = db.Database.ProviderName == EventStoreDialect.Npgsql
            ? db.Set<SubscriptionCheckpoint>().FromSql($"SELECT name, position, updated_at FROM subscription_checkpoints WHERE name = {name} FOR UPDATE")
            : db.Set<SubscriptionCheckpoint>().Where(c => c.Name == name);
        return (await query.ToListAsync(ct)).Single();
    }

    private async Task NotifyObserversAsync(string subscriber, IReadOnlyList<RecordedEvent> batch, CancellationToken ct)
    {
        foreach (var observer in _observers)
        {
            try
            {
                await observer.CommittedAsync(subscriber, batch, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _logger.LogWarning(ex, "Observer {Observer} failed after {Subscriber} committed", observer.GetType().Name, subscriber);
            }
        }
    }

    private sealed class Worker(ISubscriber<TContext> subscriber)
    {
        public ISubscriber<TContext> Subscriber { get; } = subscriber;
        public SemaphoreSlim Gate { get; } = new(1, 1);
        public long Position { get; set; }
        public SubscriptionState State { get; set; } = SubscriptionState.Starting;
        public string? Error { get; set; }
        public RebuildProgress? Progress { get; set; }
    }
}
