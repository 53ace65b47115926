namespace MeetingsApp.EventStore.Subscriptions;

/// <summary>
/// Tells the <see cref="ISubscriptionObserver"/>s of a subscriber of each batch it committed; one that fails is logged and
/// the others still hear.
/// </summary>
internal sealed class SubscriptionObservers(IEnumerable<ISubscriptionObserver> observers, ILogger logger)
{
    private readonly ILookup<string, ISubscriptionObserver> _observers = observers.ToLookup(o => o.Subscriber);

    public bool AnyFor(string subscriber) => _observers.Contains(subscriber);

    public bool PeopleWaitFor(string subscriber) => _observers[subscriber].Any(o => o.PeopleWait);

    public async Task NotifyAsync(string subscriber, IReadOnlyList<RecordedEvent> batch, CancellationToken ct)
    {
        foreach (var observer in _observers[subscriber])
        {
            try
            {
                await observer.CommittedAsync(batch, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Observer {Observer} failed after {Subscriber} committed", observer.GetType().Name, subscriber);
            }
        }
    }
}
