using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MeetingsApp.EventStore.Subscriptions;

/// <summary>
/// Runs every subscriber of this app instance, each following the log by global position from its own checkpoint.
/// A batch's effects and the new checkpoint commit in one transaction, so a crash neither skips nor repeats an event.
/// An event that cannot be read halts its subscriber at that position (reported, retried); it is never skipped.
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
    private int _rebuilds;

    public SubscriptionHost(IEnumerable<ISubscriber<TContext>> subscribers, IDbContextFactory<TContext> contexts, IEventStore store,
        AppendSignal signal, IEnumerable<ISubscriptionObserver> observers, TimeProvider clock, IOptions<SubscriptionOptions> options,
        WriteGate gate, ILogger<SubscriptionHost<TContext>> logger)
    {
        _workers = subscribers.ToDictionary(s => s.Name, s => new Worker(s));
        (_contexts, _store, _signal, _observers, _clock, _options, _gate, _logger) = (contexts, store, signal, observers.ToList(), clock, options.Value, gate, logger);
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
                    await using (var db = await _contexts.CreateDbContextAsync(ct))
                        worker.Position = (await db.Set<SubscriptionCheckpoint>().FindAsync([worker.Subscriber.Name], ct))?.Position ?? 0;
                    started = true;
                }
                applied = await StepAsync(worker, ct);
                if (worker.State is SubscriptionState.Starting or SubscriptionState.Halted) (worker.State, worker.Error) = (SubscriptionState.Running, null);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "Subscriber {Subscriber} halted after position {Position}", worker.Subscriber.Name, worker.Position);
                (worker.State, worker.Error) = (SubscriptionState.Halted, ex.Message);
                await Task.Delay(_options.RetryDelay, ct).ContinueWith(_ => { }, CancellationToken.None);
                continue;
            }
            if (applied == 0)
                await Task.WhenAny(wake, Task.Delay(_options.PollInterval, ct)).ContinueWith(_ => { }, CancellationToken.None);
        }
    }

    /// <summary>Applies the next batch after the checkpoint; returns how many events it applied.</summary>
    private async Task<int> StepAsync(Worker worker, CancellationToken ct)
    {
        IReadOnlyList<RecordedEvent> batch;
        IReadOnlyList<RecordedEvent>? skipped = null;
        await worker.Gate.WaitAsync(ct);
        try
        {
            if (worker.Subscriber.Kind == SubscriberKind.Reactor && Volatile.Read(ref _rebuilds) > 0) return 0;
            // Read before the transaction starts: on SQLite a write transaction holds the one write lock.
            batch = await ReadBatchAsync(worker.Position, ct);
            if (batch.Count == 0) return 0;
            await using var db = await _contexts.CreateDbContextAsync(ct);
            using var turn = await _gate.EnterAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var checkpoint = await CheckpointAsync(db, worker.Subscriber.Name, ct);
            if (checkpoint.Position != worker.Position)
            {
                // Another instance applied these events (or a rebuild moved on): this instance's tabs still hear of them.
                var appliedElsewhere = batch.Where(e => e.Position <= checkpoint.Position).ToList();
                worker.Position = checkpoint.Position;
                skipped = appliedElsewhere;
            }
            else
            {
                foreach (var e in batch)
                {
                    await worker.Subscriber.ApplyAsync(db, e, ct);
                    await db.SaveChangesAsync(ct);
                }
                (checkpoint.Position, checkpoint.UpdatedAt) = (batch[^1].Position, _clock.GetUtcNow().UtcDateTime);
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                worker.Position = checkpoint.Position;
            }
        }
        finally
        {
            worker.Gate.Release();
        }
        var committed = skipped ?? batch;
        if (committed.Count > 0) await NotifyObserversAsync(worker.Subscriber.Name, committed, ct);
        return Math.Max(1, committed.Count); // something moved either way: look again at once

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
        var previous = worker.State;
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
            await write(db, ct);
            var checkpoint = await CheckpointAsync(db, name, ct);
            (checkpoint.Position, checkpoint.UpdatedAt) = (head, _clock.GetUtcNow().UtcDateTime);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            worker.Position = head;
            _logger.LogInformation("Rebuilt {Projection}: {Events} events in {Elapsed}", name, head, watch.Elapsed);
        }
        finally
        {
            (worker.State, worker.Progress) = (previous == SubscriptionState.Rebuilding ? SubscriptionState.Running : previous, null);
            worker.Gate.Release();
            Interlocked.Decrement(ref _rebuilds);
            _signal.Notify();
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

    private static async Task<SubscriptionCheckpoint> CheckpointAsync(TContext db, string name, CancellationToken ct)
    {
        var checkpoint = await db.Set<SubscriptionCheckpoint>().FindAsync([name], ct);
        if (checkpoint is not null) return checkpoint;
        checkpoint = new SubscriptionCheckpoint { Name = name };
        db.Add(checkpoint);
        return checkpoint;
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
