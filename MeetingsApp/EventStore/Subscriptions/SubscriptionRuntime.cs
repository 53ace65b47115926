using System.Diagnostics;
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

    /// <summary>How far the subscribers that people wait on have got (see <see cref="ISubscriptionObserver.PeopleWait"/>).</summary>
    public IReadOnlyList<AppliedPosition> Watched { get; set; } = [];

    /// <summary>
    /// For a subscriber nobody waits on, before it reads the log (for this process's head) and again before it does any work
    /// for a batch ending at <paramref name="batchEnd"/>: lets the subscribers people wait on apply the batch, and whatever
    /// this process appended since, so that open pages hear of a change before the background subscribers compete with them
    /// for the processor (on SQLite a read holds a thread) and SQLite's one writer. Then it leaves the pages they told
    /// <see cref="SubscriptionOptions.PagesHeadStart"/> to re-read, counted from when the last of them moved on: a live
    /// change waits it out also when this subscriber came to it only after they applied it (woken late on a busy
    /// processor), and a backlog they applied longer ago than that goes on at once. For
    /// <see cref="SubscriptionOptions.WatchedHeadStart"/> at most in all (counted from <paramref name="since"/>): one that
    /// has halted, is rebuilt or lags holds nobody up for longer. Returns the position waited for.
    /// </summary>
    public async Task<long> GiveWayAsync(long batchEnd, long since, CancellationToken ct)
    {
        var head = Math.Max(batchEnd, Signal.Head);
        var left = Options.WatchedHeadStart - Stopwatch.GetElapsedTime(since);
        if (left <= TimeSpan.Zero || Watched.Count == 0) return head;
        try
        {
            await Task.WhenAll(Watched.Select(w => w.WhenReachedAsync(head))).WaitAsync(left, ct);
        }
        catch (TimeoutException)
        {
            return head; // go on regardless
        }
        var pages = Options.PagesHeadStart - Stopwatch.GetElapsedTime(Watched.Max(w => w.MovedAt));
        left = Options.WatchedHeadStart - Stopwatch.GetElapsedTime(since);
        if (pages > TimeSpan.Zero && left > TimeSpan.Zero) await Task.Delay(pages < left ? pages : left, ct);
        return head;
    }

    /// <summary>
    /// A turn at the <see cref="WriteGate"/> to save a batch ending at <paramref name="batchEnd"/>. The subscribers people
    /// wait on go first. The others give way (<see cref="GiveWayAsync"/>) again, and if an append comes in while they queue,
    /// they give the turn back and let those go first once more.
    /// </summary>
    public async Task<IDisposable> TakeTurnAsync(bool watched, long batchEnd, long since, CancellationToken ct)
    {
        if (watched) return await Gate.EnterAsync(ct);
        while (true)
        {
            var head = await GiveWayAsync(batchEnd, since, ct);
            var turn = await Gate.EnterAsync(ct, urgent: false);
            if (Signal.Head <= head || Stopwatch.GetElapsedTime(since) >= Options.WatchedHeadStart) return turn;
            turn.Dispose();
        }
    }

    /// <summary>Whether a rebuild is under way: reactors wait meanwhile.</summary>
    public bool Rebuilding => Volatile.Read(ref _rebuilds) > 0;

    public void RebuildStarted() => Interlocked.Increment(ref _rebuilds);

    public void RebuildEnded() => Interlocked.Decrement(ref _rebuilds);
}
