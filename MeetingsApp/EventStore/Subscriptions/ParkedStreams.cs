using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MeetingsApp.EventStore.Subscriptions;

/// <summary>A parked stream as an operator sees it: its first parked event, how many wait behind it, since when.</summary>
public sealed record ParkedStreamView(string Subscriber, Guid StreamId, string StreamType, long Position, string EventType, int Version,
    int SchemaVersion, string Error, DateTime ParkedAt, int Waiting);

/// <summary>Reads every subscriber's parked streams from the database, so each instance sees the same, whoever parked them.</summary>
public sealed class ParkedStreams<TContext>(IDbContextFactory<TContext> contexts) where TContext : DbContext
{
    public async Task<IReadOnlyList<ParkedStreamView>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var parked = await db.Set<ParkedStream>().AsNoTracking().OrderBy(p => p.Subscriber).ThenBy(p => p.Position).ToListAsync(ct);
        var checkpoints = await db.Set<SubscriptionCheckpoint>().AsNoTracking().ToDictionaryAsync(c => c.Name, c => c.Position, ct);
        var views = new List<ParkedStreamView>();
        foreach (var p in parked)
        {
            // Behind it: the stream's later events the subscriber has already passed by, which wait for the operator too.
            var upTo = checkpoints.GetValueOrDefault(p.Subscriber);
            var waiting = await db.Set<StoredEvent>().CountAsync(e => e.StreamId == p.StreamId && e.Position > p.Position && e.Position <= upTo, ct);
            views.Add(new(p.Subscriber, p.StreamId, p.StreamType, p.Position, p.EventType, p.Version, p.SchemaVersion, p.Error, p.ParkedAt, waiting));
        }
        return views;
    }

    public async Task<int> CountAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Set<ParkedStream>().CountAsync(ct);
    }
}

/// <summary>
/// <c>/health</c>: degraded (not unhealthy: every other stream is applied and pushed live) while any subscriber has parked
/// streams or has halted on its database.
/// </summary>
public sealed class SubscriptionsHealthCheck<TContext>(ParkedStreams<TContext> parked, SubscriptionHost<TContext> host) : IHealthCheck
    where TContext : DbContext
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var halted = host.Status.Where(s => s.State == SubscriptionState.Halted).Select(s => s.Name).ToList();
        var count = await parked.CountAsync(ct);
        if (count == 0 && halted.Count == 0) return HealthCheckResult.Healthy();
        var parts = new[] { count > 0 ? $"{count} parked stream(s)" : null, halted.Count > 0 ? $"halted: {string.Join(", ", halted)}" : null };
        return HealthCheckResult.Degraded(string.Join("; ", parts.OfType<string>()));
    }
}
