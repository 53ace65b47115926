using System.Collections.Immutable;
using MeetingsApp.EventStore.Subscriptions;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingsApp.Tests.EventStore.Subscriptions;

/// <summary>
/// A reactor's view of a stream as each event left it: always the fold of the stream up to that event, and one step of
/// folding when the state before it is kept (counted here by the steps the fold takes).
/// </summary>
public sealed class FoldedStreamsTests : DatabaseTest
{
    private sealed record Numbers(ImmutableList<int> Seen);

    private int _steps;

    private Numbers Evolve(Numbers? state, object @event)
    {
        _steps++;
        return new((state?.Seen ?? []).Add(((ThingHappened)@event).Number));
    }

    protected override void Configure(IServiceCollection services)
    {
        base.Configure(services);
        services.AddEventTypes<ThingEvents>();
    }

    [Fact]
    public async Task EachEventsState_IsTheFoldOfItsStreamUpToIt_AndOneStepWhenTheStateBeforeIsKept()
    {
        var store = Services.Get<IEventStore>();
        var (stream, other) = (Guid.NewGuid(), Guid.NewGuid());
        for (var i = 0; i < 6; i++)
        {
            await store.AppendAsync(stream, "Thing", i, [new ThingHappened(i)], EventMetadata.ForCommand(Guid.NewGuid(), Guid.NewGuid()));
            await store.AppendAsync(other, "Thing", i, [new ThingHappened(100 + i)], EventMetadata.ForCommand(Guid.NewGuid(), Guid.NewGuid()));
        }
        var events = await store.ReadStreamAsync(stream);
        using var folded = new FoldedStreams<Numbers>(store, Evolve, capacity: 100);

        async Task<(Numbers State, int Steps)> AfterAsync(int index)
        {
            _steps = 0;
            var state = await folded.AfterAsync(events[index], CancellationToken.None);
            Assert.Equal(Enumerable.Range(0, index + 1), state.Seen);
            return (state, _steps);
        }

        Assert.Equal(3, (await AfterAsync(2)).Steps); // nothing kept: the stream is read up to the event and folded
        var (fourth, steps) = await AfterAsync(3);
        Assert.Equal(1, steps); // the state after the third is kept
        var (again, stepsAgain) = await AfterAsync(3); // a second reactor at the same event
        Assert.Equal((fourth, 0), (again, stepsAgain));
        Assert.Equal(2, (await AfterAsync(1)).Steps); // a reactor behind the others, with nothing kept before its event
        Assert.Equal(1, (await AfterAsync(0)).Steps); // a stream's first event needs nothing before it
        Assert.Equal(6, (await AfterAsync(5)).Steps); // a gap (the fifth was never asked for): read again
    }
}
