using Microsoft.EntityFrameworkCore;

namespace MeetingsApp.EventStore.Subscriptions;

public enum SubscriberKind
{
    /// <summary>Builds read-model tables; can be rebuilt from position 0 at any time.</summary>
    Projection,

    /// <summary>Causes side effects; runs once per event, never during a rebuild, and is never replayed.</summary>
    Reactor,
}

/// <summary>
/// Follows the log in order. Everything it writes goes through <c>db</c>, which the host saves in the same
/// transaction as the subscriber's checkpoint: an event is applied exactly once, or not at all. An event it cannot read,
/// or whose <see cref="ApplyAsync"/> throws, parks that event's stream for this subscriber (see <see cref="ParkedStream"/>):
/// the subscriber needs no code of its own for it. An event an operator told it to skip arrives as a <see cref="SkippedEvent"/>
/// in its place, so that a subscriber folding streams counts its version (or passes over it, like any event it ignores).
/// </summary>
public interface ISubscriber<in TContext> where TContext : DbContext
{
    string Name { get; }

    SubscriberKind Kind { get; }

    Task ApplyAsync(TContext db, RecordedEvent @event, CancellationToken ct);

    /// <summary>
    /// Whether <see cref="ApplyAsync"/> writes only through <c>db</c>'s change tracker, never by statements of its own (such
    /// as <c>ExecuteUpdate</c> or raw SQL). Then the host applies a batch of one event (the live case) before the transaction
    /// opens and saves it in the transaction, so the write turn, SQLite's one writer, covers only the save.
    /// </summary>
    bool WritesOnlyThroughChangeTracker => false;
}

/// <summary>
/// A reactor that can record an event's side effects as not happening (with the operator's reason), for a parked stream an
/// operator releases "without side effects". A reactor that is not one simply passes over such events.
/// </summary>
public interface IQuietReactor<in TContext> : ISubscriber<TContext> where TContext : DbContext
{
    Task ApplyWithoutSideEffectsAsync(TContext db, RecordedEvent @event, string reason, CancellationToken ct);
}

/// <summary>A projection knows how to throw its tables away and build them again from the whole log.</summary>
public interface IProjection<TContext> : ISubscriber<TContext> where TContext : DbContext
{
    /// <summary>
    /// Folds <paramref name="log"/> (the whole log, in order, in batches) with no transaction open, and returns the step
    /// that replaces all rows this projection owns with the result; the host runs that step in one transaction.
    /// </summary>
    Task<Func<TContext, CancellationToken, Task>> RebuildAsync(IAsyncEnumerable<IReadOnlyList<RecordedEvent>> log, CancellationToken ct);
}

/// <summary>
/// Told after a batch of the subscriber it follows has committed: for example, to push live updates once the read
/// model they point to holds the change. Each feature owns the observers of its own subscribers.
/// </summary>
public interface ISubscriptionObserver
{
    /// <summary>The <see cref="ISubscriber{TContext}.Name"/> whose commits this observer hears.</summary>
    string Subscriber { get; }

    /// <summary>
    /// Whether people are waiting on what this observer does (open pages, as opposed to a background sender): its
    /// subscriber then goes first, at SQLite's <see cref="WriteGate"/> and before the subscribers nobody waits on apply the
    /// same events.
    /// </summary>
    bool PeopleWait => true;

    Task CommittedAsync(IReadOnlyList<RecordedEvent> batch, CancellationToken ct);
}
