using Microsoft.EntityFrameworkCore;

namespace MeetingsApp.EventStore.Subscriptions;

/// <summary>
/// Follows the log for one subscriber in this instance: applies the next batch after its checkpoint (when this instance
/// holds its lease), or follows the instance that does; then tells the <see cref="ISubscriptionObserver"/>s (live updates).
/// Woken by <see cref="AppendSignal"/>, or by polling for other processes' appends. A batch's effects and the new
/// checkpoint commit in one transaction. An event that cannot be read halts the subscriber at that position (reported,
/// retried); it is never skipped.
/// </summary>
internal sealed class SubscriptionWorker<TContext>(ISubscriber<TContext> subscriber, SubscriptionRuntime<TContext> runtime)
    where TContext : DbContext
{
    public ISubscriber<TContext> Subscriber { get; } = subscriber;

    /// <summary>Held while a batch is applied or the subscriber is rebuilt, so the two never overlap.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    public AppliedPosition Applied { get; } = new();

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

    public async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var wake = runtime.Signal.Next;
            int applied;
            try
            {
                if (!Started)
                {
                    await using (var db = await runtime.Contexts.CreateDbContextAsync(ct))
                        Position = (await runtime.Checkpoints.LockAsync(db, Name, ct)).Position;
                    Started = true;
                }
                applied = await StepAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                runtime.Logger.LogError(ex, "Subscriber {Subscriber} halted after position {Position}", Name, Position);
                (State, Error) = (SubscriptionState.Halted, ex.Message);
                // Another instance (say, a newer version that knows the event that stopped this one) may do better.
                await runtime.Leases.ReleaseAsync(Name);
                await Task.Delay(runtime.Options.RetryDelay, ct).ContinueWith(_ => { }, CancellationToken.None);
                continue;
            }
            if (applied == 0)
                await Task.WhenAny(wake, Task.Delay(runtime.Options.PollInterval, ct)).ContinueWith(_ => { }, CancellationToken.None);
        }
    }

    /// <summary>Applies the next batch after the checkpoint, or follows the instance that does; returns how many events moved.</summary>
    private async Task<int> StepAsync(CancellationToken ct)
    {
        IReadOnlyList<RecordedEvent> committed;
        await Gate.WaitAsync(ct);
        try
        {
            var holds = await runtime.Leases.HoldAsync(Name, ct);
            if (holds && Subscriber.Kind == SubscriberKind.Reactor && runtime.Rebuilding) return 0;
            committed = holds ? await ApplyNextBatchAsync(ct) : await FollowAsync(ct);
            (State, Error) = (holds ? SubscriptionState.Running : SubscriptionState.Following, null);
        }
        finally
        {
            Gate.Release();
        }
        if (committed.Count == 0) return 0;
        await runtime.Observers.NotifyAsync(Name, committed, ct);
        return committed.Count;
    }

    /// <summary>
    /// Applies the batch after this instance's position and returns it; or, when the checkpoint turns out to have moved
    /// (another instance, or a rebuild, got there first), returns what was applied elsewhere so this instance's
    /// observers still hear of it.
    /// </summary>
    private async Task<IReadOnlyList<RecordedEvent>> ApplyNextBatchAsync(CancellationToken ct)
    {
        // Read before the transaction starts: on SQLite a write transaction holds the one write lock.
        var batch = await ReadBatchAsync(Position, ct);
        if (batch.Count == 0) return batch;
        await using var db = await runtime.Contexts.CreateDbContextAsync(ct);
        using var turn = await runtime.Gate.EnterAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var checkpoint = await runtime.Checkpoints.LockAsync(db, Name, ct);
        if (checkpoint.Position != Position)
        {
            Position = Math.Min(checkpoint.Position, batch[^1].Position);
            return batch.Where(e => e.Position <= Position).ToList();
        }
        foreach (var e in batch)
        {
            await Subscriber.ApplyAsync(db, e, ct);
            await db.SaveChangesAsync(ct);
        }
        runtime.Checkpoints.Move(checkpoint, batch[^1].Position);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        Position = checkpoint.Position;
        return batch;
    }

    /// <summary>
    /// Another instance holds the subscriber: reads how far it has got, and returns the events it applied since this
    /// instance last looked.
    /// </summary>
    private async Task<IReadOnlyList<RecordedEvent>> FollowAsync(CancellationToken ct)
    {
        long committed;
        await using (var db = await runtime.Contexts.CreateDbContextAsync(ct))
            committed = await runtime.Checkpoints.ReadAsync(db, Name, ct);
        if (committed <= Position) return [];
        var events = await runtime.Store.ReadAllAsync(Position, runtime.Options.BatchSize, beforePosition: committed + 1, ct);
        Position = events.Count == runtime.Options.BatchSize ? events[^1].Position : committed;
        return events;
    }

    /// <summary>The events after <paramref name="position"/>, stopping short of one that cannot be read (which then halts us).</summary>
    private async Task<IReadOnlyList<RecordedEvent>> ReadBatchAsync(long position, CancellationToken ct)
    {
        try
        {
            return await runtime.Store.ReadAllAsync(position, runtime.Options.BatchSize, ct: ct);
        }
        catch (UnreadableEventException ex) when (ex.Position > position + 1)
        {
            return await runtime.Store.ReadAllAsync(position, runtime.Options.BatchSize, beforePosition: ex.Position, ct);
        }
    }
}
