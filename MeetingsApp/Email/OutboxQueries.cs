using MeetingsApp.Data;
using Microsoft.EntityFrameworkCore;

namespace MeetingsApp.Email;

/// <summary>What the outbox holds: for the admin page, and for a timeline showing what each event caused.</summary>
public sealed class OutboxQueries(IDbContextFactory<AppDbContext> contexts)
{
    public async Task<IReadOnlyList<OutboxMessage>> LatestAsync(OutboxStatus? status, int count = 200, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = db.Set<OutboxMessage>().AsNoTracking();
        if (status is { } wanted) rows = rows.Where(m => m.Status == wanted);
        return await rows.OrderByDescending(m => m.Id).Take(count).ToListAsync(ct);
    }

    public async Task<OutboxMessage?> GetAsync(long id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Set<OutboxMessage>().AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, ct);
    }

    /// <summary>The messages of one meeting, for the timeline; only those to <paramref name="recipient"/> unless null (the organiser sees all).</summary>
    public async Task<ILookup<long, OutboxMessage>> ForMeetingAsync(Guid meetingId, Guid? recipient, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = db.Set<OutboxMessage>().AsNoTracking().Where(m => m.MeetingId == meetingId);
        if (recipient is { } only) rows = rows.Where(m => m.RecipientId == only);
        // A meeting's rows are meeting mails, which always name their event.
        return (await rows.OrderBy(m => m.Id).ToListAsync(ct)).ToLookup(m => m.EventPosition!.Value);
    }
}
