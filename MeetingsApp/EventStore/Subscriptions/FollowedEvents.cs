using Microsoft.EntityFrameworkCore;

namespace MeetingsApp.EventStore.Subscriptions;

/// <summary>
/// What an instance that did not apply a stretch of the log (another instance did) tells its own observers of it: what the
/// applying instance applied there, as near as the log and the parked streams tell. An event of a stream parked at or before
/// it waited, so it is left out; an operator's decision about this subscriber released a parked stream, so the stream's events
/// from the parked one up to the decision (which lie behind this instance's position) are told there, in order, the skipped
/// one excepted. Telling an observer of one event too many costs a page a re-read; one too few leaves it stale.
/// </summary>
internal static class FollowedEvents
{
    public static async Task<IReadOnlyList<RecordedEvent>> AppliedAsync<TContext>(SubscriptionRuntime<TContext> runtime, string subscriber,
        IReadOnlyList<LogRow> rows, CancellationToken ct) where TContext : DbContext
    {
        if (rows.Count == 0 || !runtime.Observers.AnyFor(subscriber)) return [];
        Dictionary<Guid, long> parked;
        await using (var db = await runtime.Contexts.CreateDbContextAsync(ct))
            parked = await db.Set<ParkedStream>().AsNoTracking().Where(p => p.Subscriber == subscriber).ToDictionaryAsync(p => p.StreamId, p => p.Position, ct);
        bool Applied(RecordedEvent e) => !parked.TryGetValue(e.StreamId, out var at) || e.Position < at;

        var told = new List<RecordedEvent>();
        foreach (var row in rows)
        {
            if (row.Event is not { } e || !Applied(e)) continue;
            told.Add(e);
            if (e.Data is not IParkingDecision decision || decision.Subscriber != subscriber) continue;
            var released = await runtime.Store.ReadRowsAsync(decision.Position - 1, int.MaxValue, beforePosition: e.Position, streamId: decision.StreamId, ct);
            told.AddRange(released.Where(r => !(decision is ParkedEventSkipped && r.Position == decision.Position))
                .Select(r => r.Event).OfType<RecordedEvent>().Where(Applied));
        }
        return told;
    }
}
