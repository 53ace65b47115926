using System.Diagnostics;
using MeetingsApp.Data;
using MeetingsApp.EventStore.Subscriptions;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeetingsApp.Tests.EventStore.Subscriptions;

/// <summary>
/// How long a subscriber nobody waits on gives way (<see cref="SubscriptionRuntime{TContext}.GiveWayAsync"/>) when the
/// watched ones have applied the change already: the pages they told keep what is left of their head start, counted from
/// when the watched ones moved on. (<see cref="WatchedFirstTestsBase"/> covers the subscribers that run; this is the
/// case a busy processor makes, where one wakes to a live change only after the watched one applied it.)
/// </summary>
public sealed class GiveWayTests
{
    private static readonly TimeSpan PagesHeadStart = TimeSpan.FromMilliseconds(200);

    private readonly AppliedPosition _watched = new();

    private SubscriptionRuntime<AppDbContext> Runtime() =>
        new(null!, null!, new AppendSignal(), null!, null!, null!, null!,
            new SubscriptionOptions { PagesHeadStart = PagesHeadStart, WatchedHeadStart = TimeSpan.FromSeconds(30) }, NullLogger.Instance)
        { Watched = [_watched] };

    [Fact]
    public async Task AChangeTheWatchedOneAppliedJustNow_WaitsOutThePagesHeadStart()
    {
        _watched.MoveTo(7);
        var moved = Stopwatch.GetTimestamp();

        var giving = Runtime().GiveWayAsync(7, Stopwatch.GetTimestamp(), Xunit.TestContext.Current.CancellationToken);

        Assert.False(giving.IsCompleted);
        Assert.Equal(7, await giving);
        // A timer may fire a millisecond early.
        Assert.True(Stopwatch.GetElapsedTime(moved) >= PagesHeadStart - TimeSpan.FromMilliseconds(10));
    }

    [Fact]
    public async Task AChangeTheWatchedOneAppliedLongerAgoThanThat_GoesOnAtOnce()
    {
        _watched.MoveTo(7);
        await Task.Delay(PagesHeadStart + TimeSpan.FromMilliseconds(20), Xunit.TestContext.Current.CancellationToken);

        var giving = Runtime().GiveWayAsync(7, Stopwatch.GetTimestamp(), Xunit.TestContext.Current.CancellationToken);

        Assert.True(giving.IsCompleted);
    }

    [Fact]
    public async Task AChangeTheWatchedOneHasNotApplied_WaitsForIt_AndThenThePagesHeadStart()
    {
        _watched.MoveTo(6);
        var giving = Runtime().GiveWayAsync(7, Stopwatch.GetTimestamp(), Xunit.TestContext.Current.CancellationToken);
        await Task.Delay(50, Xunit.TestContext.Current.CancellationToken);
        Assert.False(giving.IsCompleted);

        _watched.MoveTo(7);
        var moved = Stopwatch.GetTimestamp();

        Assert.Equal(7, await giving);
        Assert.True(Stopwatch.GetElapsedTime(moved) >= PagesHeadStart - TimeSpan.FromMilliseconds(10));
    }
}
