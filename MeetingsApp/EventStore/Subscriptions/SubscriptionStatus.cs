namespace MeetingsApp.EventStore.Subscriptions;

public enum SubscriptionState
{
    Starting,

    /// <summary>This instance applies the subscriber's events.</summary>
    Running,

    /// <summary>Another instance holds the subscriber's lease and applies its events; this one follows its checkpoint.</summary>
    Following,

    Rebuilding,
    Halted,
}

/// <summary>Where a subscriber stands, for the admin page and for tests.</summary>
public sealed record SubscriptionStatus(
    string Name, SubscriberKind Kind, long Position, SubscriptionState State, string? Error, RebuildProgress? Rebuild);

/// <summary>A rebuild under way: events folded so far out of the log's length when it started.</summary>
public sealed record RebuildProgress(long Done, long Total, TimeSpan Elapsed)
{
    public double EventsPerSecond => Elapsed.TotalSeconds > 0 ? Done / Elapsed.TotalSeconds : 0;

    public double Fraction => Total == 0 ? 1 : (double)Done / Total;

    public TimeSpan? Remaining => EventsPerSecond > 0 ? TimeSpan.FromSeconds((Total - Done) / EventsPerSecond) : null;
}

public sealed class SubscriptionOptions
{
    /// <summary>How often to look for events that other app instances appended (local appends wake at once).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public int BatchSize { get; set; } = 500;

    /// <summary>How long a halted subscriber waits before trying the event that stopped it again.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a subscriber nobody waits on gives way to those people wait on (their head start on each of this process's
    /// appends, before it reads the event): long enough for a live change, short enough that one halted or lagging
    /// subscriber holds nobody up for long.
    /// </summary>
    public TimeSpan WatchedHeadStart { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// How much longer a subscriber nobody waits on leaves the processor to the open pages, once those people wait on have
    /// applied a live change: the pages their observers told now hear of it, re-read and draw it (10-15 ms on two cores);
    /// with the other subscribers' work beside them, that took 5-7 ms longer (bench, tab to tab). Counted within
    /// <see cref="WatchedHeadStart"/>; what waits meanwhile is the free/busy, "as of" and e-mail side.
    /// </summary>
    public TimeSpan PagesHeadStart { get; set; } = TimeSpan.FromMilliseconds(30);
}
