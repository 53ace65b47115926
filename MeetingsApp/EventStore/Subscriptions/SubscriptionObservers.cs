namespace MeetingsApp.EventStore.Subscriptions;

/// <summary>Tells every <see cref="ISubscriptionObserver"/> of a committed batch; one that fails is logged and the others still hear.</summary>
internal sealed class SubscriptionObservers(IEnumerable<ISubscriptionObserver> observers, ILogger logger)
{
    private readonly IReadOnlyList<ISubscriptionObserver> _observers = observers.ToList();

    public bool Any => _observers.Count > 0;

    public async Task NotifyAsync(string subscriber, IReadOnlyList<RecordedEvent> batch, CancellationToken ct)
    {
        foreach (var observer in _observers)
        {
            try
            {
                await observer.CommittedAsync(subscriber, batch, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Observer {Observer} failed after {Subscriber} committed", observer.GetType().Name, subscriber);
            }
        }
    }
}
