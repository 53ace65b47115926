using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;

namespace MeetingsApp.EventStore.Subscriptions;

/// <summary>
/// Rebuilds a projection from position 0: its live updates pause meanwhile and reactors do not run. The log is read
/// (with read-ahead) and folded before any transaction opens, so appends carry on; the new tables and the checkpoint
/// are then written in one transaction, so readers see the old tables until the new ones commit. The operators' decisions
/// about parked streams are read first and honoured where they stand in the log (<see cref="ParkedReplay"/>), so the rebuilt
/// tables and parked streams equal the live ones.
/// </summary>
internal sealed class ProjectionRebuilder<TContext>(SubscriptionRuntime<TContext> runtime) where TContext : DbContext
{
    public async Task RebuildAsync(SubscriptionWorker<TContext> worker, IProjection<TContext> projection, CancellationToken ct)
    {
        var name = projection.Name;
        await worker.Gate.WaitAsync(ct);
        runtime.RebuildStarted();
        var (previous, told) = (worker.State, worker.Position);
        var rebuiltTo = told;
        try
        {
            var head = await runtime.Store.ReadHeadAsync(ct);
            var watch = Stopwatch.StartNew();
            (worker.State, worker.Progress) = (SubscriptionState.Rebuilding, new RebuildProgress(0, head, TimeSpan.Zero));
            runtime.Logger.LogInformation("Rebuilding {Projection} from {Events} events", name, head);

            var replay = await ReplayOfAsync(name, ct);
            var write = await projection.RebuildAsync(ReadLogAsync(head, replay, done => worker.Progress = new(done, head, watch.Elapsed), ct), ct);
            await using var db = await runtime.Contexts.CreateDbContextAsync(ct);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            using var turn = await runtime.Gate.EnterAsync(ct, urgent: false);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var checkpoint = await runtime.Checkpoints.LockAsync(db, name, ct);
            await write(db, ct);
            db.ChangeTracker.AutoDetectChangesEnabled = true;
            // Another instance may have applied events past this rebuild's head meanwhile: they go on top, once.
            var position = Math.Max(head, checkpoint.Position);
            foreach (var row in position > head ? await runtime.Store.ReadRowsAsync(head, int.MaxValue, beforePosition: position + 1, ct: ct) : [])
            foreach (var e in replay.Next(row))
            {
                await projection.ApplyAsync(db, e, ct);
                await db.SaveChangesAsync(ct);
            }
            await db.Set<ParkedStream>().Where(p => p.Subscriber == name).ExecuteDeleteAsync(ct);
            db.AddRange(replay.Parked(runtime.Checkpoints.Now));
            runtime.Checkpoints.MoveAfterRebuild(checkpoint, position);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            worker.Position = rebuiltTo = position;
            runtime.Logger.LogInformation("Rebuilt {Projection}: {Events} events in {Elapsed}", name, head, watch.Elapsed);
        }
        finally
        {
            (worker.State, worker.Progress) = (previous == SubscriptionState.Rebuilding ? SubscriptionState.Running : previous, null);
            worker.Gate.Release();
            runtime.RebuildEnded();
            runtime.Signal.Notify();
        }
        // Events that reached the tables through the rebuild, not through this instance's worker: its tabs hear of them too.
        // A worker that has not started (a verb, the bench) has told nobody anything, and will start from the new checkpoint.
        while (worker.Started && runtime.Observers.AnyFor(name) && told < rebuiltTo)
        {
            var missed = await runtime.Store.ReadRowsAsync(told, runtime.Options.BatchSize, beforePosition: rebuiltTo + 1, ct: ct);
            if (missed.Count == 0) break;
            await runtime.Observers.NotifyAsync(name, await FollowedEvents.AppliedAsync(runtime, name, missed, ct), ct);
            told = missed[^1].Position;
        }
    }

    /// <summary>Where the live subscriber parked streams: every operator decision about it names a place, and so does each stream parked now.</summary>
    private async Task<ParkedReplay> ReplayOfAsync(string name, CancellationToken ct)
    {
        var decisions = (await runtime.Store.ReadStreamAsync(ParkingEvents.StreamOf(name), ct: ct)).Select(e => e.Data).OfType<IParkingDecision>().ToList();
        await using var db = await runtime.Contexts.CreateDbContextAsync(ct);
        var now = await db.Set<ParkedStream>().AsNoTracking().Where(p => p.Subscriber == name).ToListAsync(ct);
        var standIns = new Dictionary<long, RecordedEvent>();
        foreach (var skip in decisions.OfType<ParkedEventSkipped>().DistinctBy(d => d.Position))
            standIns[skip.Position] = await SkippedEvent.StandInAsync(db, skip.Position, skip.Reason, ct);
        return new ParkedReplay(name, decisions.Select(d => (d.StreamId, d.Position)).Concat(now.Select(p => (p.StreamId, p.Position))), now, standIns);
    }

    /// <summary>
    /// The log up to <paramref name="head"/> in order, as <paramref name="replay"/> releases it, in ranges of positions read two at a time on pool threads
    /// (SQLite's reads complete synchronously), so reading and decoding use both cores while the caller folds.
    /// </summary>
    private async IAsyncEnumerable<IReadOnlyList<RecordedEvent>> ReadLogAsync(long head, ParkedReplay replay, Action<long> progress,
        [EnumeratorCancellation] CancellationToken ct)
    {
        const int range = 5_000;
        var reads = new Queue<Task<IReadOnlyList<LogRow>>>();
        long next = 0, done = 0;
        void ReadNext()
        {
            var after = next;
            next += range;
            reads.Enqueue(Task.Run(() => runtime.Store.ReadRowsAsync(after, range, beforePosition: Math.Min(after + range, head) + 1, ct: ct), ct));
        }
        while (next < head && reads.Count < 2) ReadNext();
        while (reads.Count > 0)
        {
            var batch = await reads.Dequeue();
            if (next < head) ReadNext();
            if (batch.Count == 0) continue;
            yield return batch.SelectMany(replay.Next).ToList();
            progress(done += batch.Count);
        }
    }
}
