using System.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace MeetingsApp.EventStore.Subscriptions;

/// <summary>
/// Follows the log for one subscriber in this instance: applies the next batch after its checkpoint (when this instance
/// holds its lease), or follows the instance that does; then tells the <see cref="ISubscriptionObserver"/>s (live updates).
/// Woken by <see cref="AppendSignal"/>, or by polling for other processes' appends. A batch's effects, its parked streams
/// and the new checkpoint commit in one transaction (<see cref="ParkingBatch{TContext}"/>). An event that cannot be read
/// or applied parks its own stream, and every other stream goes on; nothing is skipped unless an operator, recorded in the
/// log, says so. Only a failure of the database itself halts the subscriber (reported, retried).
/// </summary>
internal sealed class SubscriptionWorker<TContext>(ISubscriber<TContext> subscriber, SubscriptionRuntime<TContext> runtime)
    where TContext : DbContext
{
    private long _handedOverAt;
    private int _rebuilds; // the checkpoint's count of rebuilds when this worker last locked it

    public ISubscriber<TContext> Subscriber { get; } = subscriber;

    /// <summary>Held while a batch is applied or the subscriber is rebuilt, so the two never overlap.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    public AppliedPosition Applied { get; } = new();

    /// <summary>Whether people wait on this subscriber (its observers push to open pages): it goes first (<see cref="SubscriptionRuntime{TContext}.TakeTurnAsync"/>).</summary>
    public bool Watched { get; } = runtime.Observers.PeopleWaitFor(subscriber.Name);

    public long Position
    {
        get => Applied.Value;
        set => Applied.MoveTo(value);
    }

    /// <summary>Whether this worker has loaded its checkpoint, so that its instance's observers are following from there.</summary>
    public bool Started { get; private set; }

    public SubscriptionState State { get; set; } = SubscriptionState.Starting;
    public string? Error { get; private set; }
    public RebuildProgress? Progress { get; set; }

    public SubscriptionStatus Status => new(Subscriber.Name, Subscriber.Kind, Position, State, Error, Progress);

    private string Name => Subscriber.Name;

    /// <summary>Having handed the subscriber to an instance that reads what this one cannot, leave it the lease for a while.</summary>
    private bool HandedOver => _handedOverAt != 0 && Stopwatch.GetElapsedTime(_handedOverAt) < runtime.Options.RetryDelay;

    public async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            // Taken before looking, so that nothing appended (or, for a follower, moved) meanwhile goes unheard.
            var wake = State == SubscriptionState.Following ? Task.WhenAny(runtime.Signal.Next, runtime.Signal.NextCheckpointMove) : runtime.Signal.Next;
            int applied;
            try
            {
                if (!Started)
                {
                    await using (var db = await runtime.Contexts.CreateDbContextAsync(ct))
                    {
                        var checkpoint = await runtime.Checkpoints.LockAsync(db, Name, ct);
                        (Position, _rebuilds) = (checkpoint.Position, checkpoint.Rebuilds);
                    }
                    Started = true;
                }
                applied = await StepAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (HandOverException handover)
            {
                runtime.Logger.LogInformation("{Subscriber}: {Reason}; handing the subscriber over", Name, handover.Message);
                _handedOverAt = Stopwatch.GetTimestamp();
                await runtime.Leases.ReleaseAsync(Name);
                continue;
            }
            catch (Exception ex)
            {
                runtime.Logger.LogError(ex, "Subscriber {Subscriber} halted after position {Position}", Name, Position);
                (State, Error) = (SubscriptionState.Halted, ex.Message);
                // Another instance may do better (its database connection may be fine).
                await runtime.Leases.ReleaseAsync(Name);
                await Task.Delay(runtime.Options.RetryDelay, ct).ContinueWith(_ => { }, CancellationToken.None);
                continue;
            }
            // A short batch was all there was when it was read; whatever came since has completed the wake.
            if (applied < runtime.Options.BatchSize)
                await Task.WhenAny(wake, Task.Delay(runtime.Options.PollInterval, ct)).ContinueWith(_ => { }, CancellationToken.None);
        }
    }

    /// <summary>Applies the next batch after the checkpoint, or follows the instance that does; returns how many events moved.</summary>
    private async Task<int> StepAsync(CancellationToken ct)
    {
        IReadOnlyList<RecordedEvent> committed;
        int moved;
        await Gate.WaitAsync(ct);
        try
        {
            var holds = !HandedOver && await runtime.Leases.HoldAsync(Name, ct);
            if (holds && Subscriber.Kind == SubscriberKind.Reactor && runtime.Rebuilding) return 0;
            var state = holds ? SubscriptionState.Running : SubscriptionState.Following;
            // Said before the batch moves the position, so that whoever waits for a position sees who applied it; a halted
            // subscriber stays halted until a batch succeeds.
            if (State != SubscriptionState.Halted) State = state;
            (committed, moved) = holds ? await ApplyNextBatchAsync(ct) : await FollowAsync(ct);
            (State, Error) = (state, null);
        }
        finally
        {
            Gate.Release();
        }
        if (committed.Count > 0) await runtime.Observers.NotifyAsync(Name, committed, ct);
        return moved;
    }

    /// <summary>
    /// Applies the batch after this instance's position and returns what it applied; or, when the checkpoint turns out to
    /// have moved (another instance, or a rebuild, got there first), returns what was applied elsewhere so this instance's
    /// observers still hear of it. An event whose apply throws rolls the batch back; it is tried again with that stream parked.
    /// </summary>
    private async Task<(IReadOnlyList<RecordedEvent> Applied, int Moved)> ApplyNextBatchAsync(CancellationToken ct)
    {
        var since = Stopwatch.GetTimestamp();
        // A subscriber nobody waits on lets the watched ones have this process's appends first, before it even reads them
        // (on PostgreSQL the append's own NOTIFY may wake it a moment before the writer reports the new head: then it reads
        // early, and gives way again before it applies).
        if (!Watched) await runtime.GiveWayAsync(runtime.Signal.Head, since, ct);
        // Read before the transaction starts: on SQLite a write transaction holds the one write lock.
        var batch = await runtime.Store.ReadRowsAsync(Position, runtime.Options.BatchSize, ct: ct);
        if (batch.Count == 0) return ([], 0);
        var failed = new Dictionary<long, string>();
        while (true)
        {
            try
            {
                return await TryBatchAsync(batch, failed, since, ct);
            }
            catch (ApplyFailedException failure) when (failed.TryAdd(failure.Position, failure.Message))
            {
                // Rolled back as the transaction was disposed; tried again with that event's stream parked there.
                runtime.Logger.LogInformation(failure.InnerException, "{Subscriber} could not apply the event at {Position}", Name, failure.Position);
            }
        }
    }

    /// <summary>One try of a batch, in one transaction with the checkpoint; throws <see cref="ApplyFailedException"/> for an event that failed.</summary>
    private async Task<(IReadOnlyList<RecordedEvent> Applied, int Moved)> TryBatchAsync(IReadOnlyList<LogRow> batch, Dictionary<long, string> failed,
        long since, CancellationToken ct)
    {
        if (!Watched) await runtime.GiveWayAsync(batch[^1].Position, since, ct);
        await using var db = await runtime.Contexts.CreateDbContextAsync(ct);
        // The batch is tried whole: an apply that fails rolls the transaction back (see ApplyNextBatchAsync). So SaveChanges
        // needs no savepoint of its own inside it, two statements (on PostgreSQL two round trips) around each save, whose
        // rollback on a shutdown's cancellation was also logged as a failed transaction.
        db.Database.AutoSavepointsEnabled = false;
        // A projection's batch can always be applied again from the log: its commit need not wait for the disk.
        await using var replayable = Subscriber.Kind == SubscriberKind.Projection
            ? await DatabaseProvider.Of(db).ReplayableWritesAsync(db, ct)
            : null;
        var parking = new ParkingBatch<TContext>(Subscriber, db, runtime, failed, runtime.Checkpoints.Now);
        var ahead = await parking.AppliesAheadAsync(batch, ct);
        using var turn = await runtime.TakeTurnAsync(Watched, batch[^1].Position, since, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var checkpoint = await runtime.Checkpoints.LockAsync(db, Name, ct);
        var rebuiltMeanwhile = checkpoint.Rebuilds != _rebuilds;
        _rebuilds = checkpoint.Rebuilds;
        if (checkpoint.Position != Position)
        {
            Position = Math.Min(checkpoint.Position, batch[^1].Position);
            var elsewhere = batch.Where(e => e.Position <= Position).ToList();
            return (await FollowedEvents.AppliedAsync(runtime, Name, elsewhere, ct), elsewhere.Count);
        }
        if (ahead && rebuiltMeanwhile)
        {
            // Another instance rebuilt the tables after the event was applied ahead, from the rows before, and left the position
            // as it was: those writes are stale. The event is applied again, inside the transaction, on the rebuilt rows.
            db.ChangeTracker.Clear();
            parking = new ParkingBatch<TContext>(Subscriber, db, runtime, failed, runtime.Checkpoints.Now);
            checkpoint = await runtime.Checkpoints.LockAsync(db, Name, ct);
            ahead = false;
        }
        if (!ahead)
        {
            await parking.LoadAsync(ct);
            foreach (var row in batch) await parking.StepAsync(row, ct);
        }
        runtime.Checkpoints.Move(checkpoint, batch[^1].Position);
        await parking.SaveAsync(ct);
        await tx.CommitAsync(ct);
        Position = checkpoint.Position;
        foreach (var parked in parking.NewlyParked)
            runtime.Logger.LogWarning("{Subscriber} parked stream {Stream} ({StreamType}) at position {Position}, {EventType} v{SchemaVersion}: {Error}. " +
                "Its later events wait until an operator retries or skips it (Admin > Projections).",
                Name, parked.StreamId, parked.StreamType, parked.Position, parked.EventType, parked.SchemaVersion, parked.Error);
        return (parking.Applied, batch.Count);
    }

    /// <summary>
    /// Another instance holds the subscriber: reads how far it has got, and returns the events it applied since this
    /// instance last looked (<see cref="FollowedEvents"/>: released parked streams included, rows this instance cannot read
    /// passed over).
    /// </summary>
    private async Task<(IReadOnlyList<RecordedEvent>, int)> FollowAsync(CancellationToken ct)
    {
        long committed;
        await using (var db = await runtime.Contexts.CreateDbContextAsync(ct))
            committed = await runtime.Checkpoints.ReadAsync(db, Name, ct);
        if (committed <= Position) return ([], 0);
        var rows = await runtime.Store.ReadRowsAsync(Position, runtime.Options.BatchSize, beforePosition: committed + 1, ct: ct);
        Position = rows.Count == runtime.Options.BatchSize ? rows[^1].Position : committed;
        return (await FollowedEvents.AppliedAsync(runtime, Name, rows, ct), rows.Count);
    }
}
