namespace MeetingsApp.EventStore.Subscriptions;

/// <summary>How far a subscriber has got: the global position of the last event it applied.</summary>
public sealed class SubscriptionCheckpoint
{
    public required string Name { get; init; }
    public long Position { get; set; }
    public DateTime UpdatedAt { get; set; }
}
