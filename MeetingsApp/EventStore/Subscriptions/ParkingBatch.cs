using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace MeetingsApp.EventStore.Subscriptions;

/// <summary>An event's <see cref="ISubscriber{TContext}.ApplyAsync"/> threw: the batch is rolled back and tried again with its stream parked there.</summary>
internal sealed class ApplyFailedException(long position, Exception inner) : Exception(inner.Message, inner)
{
    public long Position { get; } = position;
}

/// <summary>Another running instance reads an event this one does not know: it should apply the subscriber, not this one.</summary>
internal sealed class HandOverException(LogRow row) : Exception($"Another instance reads {row.EventType} v{row.SchemaVersion} at position {row.Position}")
{
    public LogRow Row { get; } = row;
}

/// <summary>
/// Applies one batch of the log for one subscriber inside the worker's transaction, stream by stream: an event of a parked
/// stream waits, an unreadable one (or one whose apply failed on an earlier try of this batch) parks its stream, and an
/// operator's decision met in the log releases a parked stream right there, applying its waiting events in order (a skipped
/// one as its <see cref="SkippedEvent"/>). Each event's writes are saved before the next is applied, so that the next one's
/// queries see them; a batch of one event that decides nothing about parking needs no such save (<see cref="AppliesAheadAsync"/>).
/// </summary>
internal sealed class ParkingBatch<TContext>(ISubscriber<TContext> subscriber, TContext db, SubscriptionRuntime<TContext> runtime,
    IReadOnlyDictionary<long, string> failed, DateTime now) where TContext : DbContext
{
    private readonly Dictionary<Guid, ParkedStream> _rows = [];
    private readonly HashSet<Guid> _parked = [];
    private long? _appliedAhead; // the position of the one event applied before the transaction, whose writes wait for SaveAsync

    /// <summary>What was applied, in the order it was: what this instance's observers hear of.</summary>
    public List<RecordedEvent> Applied { get; } = [];

    /// <summary>Streams parked (or parked at a new event) by this batch: each is worth one warning.</summary>
    public List<ParkedStream> NewlyParked { get; } = [];

    /// <summary>
    /// Applies <paramref name="batch"/> before the worker's transaction opens, when the subscriber writes only through the
    /// change tracker and the batch is one event that no earlier try failed on and that is no operator's decision (which
    /// would apply a released stream's events one after another): its writes stay in the change tracker for the worker to
    /// save in the transaction. Returns whether it did.
    /// </summary>
    public async Task<bool> AppliesAheadAsync(IReadOnlyList<LogRow> batch, CancellationToken ct)
    {
        if (!subscriber.WritesOnlyThroughChangeTracker || batch is not [var row] || failed.Count > 0 || row.Event?.Data is IParkingDecision) return false;
        _appliedAhead = row.Position;
        await LoadAsync(ct);
        await StepAsync(row, ct);
        return true;
    }

    public async Task LoadAsync(CancellationToken ct)
    {
        foreach (var row in await db.Set<ParkedStream>().Where(p => p.Subscriber == subscriber.Name).ToListAsync(ct))
            (_rows[row.StreamId], _) = (row, _parked.Add(row.StreamId));
    }

    public async Task StepAsync(LogRow row, CancellationToken ct)
    {
        if (_parked.Contains(row.StreamId)) return; // waits behind its stream's first parked event
        if (row.Unreadable is { } why)
        {
            if (row.UnknownHere && await runtime.Leases.OtherInstanceReadsAsync(row.EventType, row.SchemaVersion, ct)) throw new HandOverException(row);
            Park(row, why);
            return;
        }
        if (failed.TryGetValue(row.Position, out var error))
        {
            Park(row, error);
            return;
        }
        await ApplyAsync(row.Event!, ct);
        if (row.Event!.Data is IParkingDecision decision && decision.Subscriber == subscriber.Name) await ReleaseAsync(decision, row.Position, ct);
    }

    private async Task ReleaseAsync(IParkingDecision decision, long at, CancellationToken ct)
    {
        if (!_rows.TryGetValue(decision.StreamId, out var parked) || !_parked.Contains(decision.StreamId) || parked.Position != decision.Position)
        {
            runtime.Logger.LogInformation("{Subscriber}: {Decision} about {Stream} at {Position} no longer applies", subscriber.Name,
                decision.GetType().Name, decision.StreamId, decision.Position);
            return;
        }
        _parked.Remove(decision.StreamId);
        db.Remove(parked);
        var waiting = await runtime.Store.ReadRowsAsync(decision.Position - 1, int.MaxValue, beforePosition: at, streamId: decision.StreamId, ct);
        foreach (var row in waiting)
        {
            if (_parked.Contains(row.StreamId)) return;
            if (decision is ParkedEventSkipped && row.Position == decision.Position)
            {
                // Even passing over it failed (on an earlier try of this batch): it stays parked there, as a rebuild will find it.
                if (failed.TryGetValue(row.Position, out var error))
                {
                    Park(row, error);
                    return;
                }
                var standIn = await SkippedEvent.StandInAsync(db, row.Position, decision.Reason, ct);
                await RunAsync(standIn, () => subscriber.ApplyAsync(db, standIn, ct), ct, observed: false);
                continue;
            }
            if (decision is ParkedStreamReleasedQuietly && subscriber.Kind == SubscriberKind.Reactor && !failed.ContainsKey(row.Position))
            {
                if (row.Event is { } quiet && subscriber is IQuietReactor<TContext> reactor) await RunAsync(quiet, () => reactor.ApplyWithoutSideEffectsAsync(db, quiet, decision.Reason, ct), ct);
                continue;
            }
            await StepAsync(row, ct);
        }
        runtime.Logger.LogInformation("{Subscriber}: {Stream} released ({Decision}: {Reason})", subscriber.Name, decision.StreamId,
            decision.GetType().Name, decision.Reason);
    }

    private Task ApplyAsync(RecordedEvent e, CancellationToken ct) => RunAsync(e, () => subscriber.ApplyAsync(db, e, ct), ct);

    /// <summary>Saves what the batch wrote, with the checkpoint the worker moved; the writes of an event applied ahead fail as that event's.</summary>
    public async Task SaveAsync(CancellationToken ct)
    {
        if (_appliedAhead is { } position) await AsEventAsync(position, () => db.SaveChangesAsync(ct));
        else await db.SaveChangesAsync(ct);
    }

    /// <param name="observed">Whether this instance's observers hear of it: not of a <see cref="SkippedEvent"/>, which changes nothing they show.</param>
    private async Task RunAsync(RecordedEvent e, Func<Task> apply, CancellationToken ct, bool observed = true)
    {
        await AsEventAsync(e.Position, async () =>
        {
            await apply();
            if (_appliedAhead is null) await db.SaveChangesAsync(ct);
        });
        if (observed) Applied.Add(e);
    }

    /// <summary>Runs <paramref name="work"/> for the event at <paramref name="position"/>: its failure is that event's, unless the database is at fault.</summary>
    private static async Task AsEventAsync(long position, Func<Task> work)
    {
        try
        {
            await work();
        }
        catch (Exception ex) when (ex is not OperationCanceledException && !IsTransient(ex))
        {
            throw new ApplyFailedException(position, ex);
        }
    }

    /// <summary>The database, not the event, is at fault: the whole subscriber waits and tries again, nothing is parked.</summary>
    private static bool IsTransient(Exception ex) =>
        ex is TimeoutException or DbException { IsTransient: true } || ex.InnerException is TimeoutException or DbException { IsTransient: true };

    private void Park(LogRow row, string error)
    {
        _parked.Add(row.StreamId);
        if (_rows.TryGetValue(row.StreamId, out var parked))
        {
            // Released in this batch and parked again: a retry that failed once more. A new event is worth a new warning.
            if (parked.Position != row.Position) NewlyParked.Add(parked);
            var entry = db.Entry(parked);
            if (entry.State == EntityState.Deleted) entry.State = EntityState.Modified;
            else if (entry.State == EntityState.Detached) db.Add(parked); // its release was saved already in this transaction
        }
        else
        {
            parked = new ParkedStream { Subscriber = subscriber.Name, StreamId = row.StreamId, StreamType = row.StreamType };
            db.Add(parked);
            _rows[row.StreamId] = parked;
            NewlyParked.Add(parked);
        }
        if (parked.Position != row.Position) parked.ParkedAt = now;
        (parked.Position, parked.EventType, parked.Version, parked.SchemaVersion, parked.Error) =
            (row.Position, row.EventType, row.Version, row.SchemaVersion, error);
    }
}
