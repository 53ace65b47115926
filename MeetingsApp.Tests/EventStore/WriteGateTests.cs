using MeetingsApp.EventStore;

namespace MeetingsApp.Tests.EventStore;

/// <summary>SQLite's writers of one process take turns at the gate: urgent ones first, each kind in order of arrival.</summary>
public sealed class WriteGateTests
{
    private readonly WriteGate _gate = new(serialize: true);

    [Fact]
    public async Task WhenTheHolderLeaves_UrgentWritersGoBeforeTheOthers_EachInOrderOfArrival()
    {
        var held = await _gate.EnterAsync(CancellationToken.None);
        var order = new List<string>();
        async Task WriteAsync(string name, bool urgent)
        {
            using var turn = await _gate.EnterAsync(CancellationToken.None, urgent);
            lock (order) order.Add(name);
        }

        var writers = new[] { WriteAsync("later 1", false), WriteAsync("urgent 1", true), WriteAsync("later 2", false), WriteAsync("urgent 2", true) };
        Assert.Empty(order);
        held.Dispose();
        await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(["urgent 1", "urgent 2", "later 1", "later 2"], order);
    }

    [Fact]
    public async Task AWriterThatStopsWaiting_IsPassedOver_AndATurnEndsOnlyOnce()
    {
        var held = await _gate.EnterAsync(CancellationToken.None);
        using var stop = new CancellationTokenSource();
        var cancelled = _gate.EnterAsync(stop.Token);
        var next = _gate.EnterAsync(CancellationToken.None, urgent: false);

        stop.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        held.Dispose();
        held.Dispose(); // a second dispose must not let a second writer in
        var turn = await next.WaitAsync(TimeSpan.FromSeconds(10));
        var after = _gate.EnterAsync(CancellationToken.None);

        Assert.False(after.IsCompleted);
        turn.Dispose();
        (await after.WaitAsync(TimeSpan.FromSeconds(10))).Dispose();
    }
}
