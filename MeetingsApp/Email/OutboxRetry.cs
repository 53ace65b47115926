using System.Security.Claims;
using MeetingsApp.Accounts;
using MeetingsApp.Data;
using Microsoft.EntityFrameworkCore;

namespace MeetingsApp.Email;

/// <summary>
/// An admin sends a failed message again (Admin > Outbox), say once the recipient's mailbox exists: the row is pending
/// once more and keeps its attempts and last error. An outbox matter, not the meeting's: nothing is written to the event
/// log, and the application log says who asked.
/// </summary>
public sealed class OutboxRetry(IDbContextFactory<AppDbContext> contexts, TimeProvider clock, OutboxSender sender, ILogger<OutboxRetry> logger)
{
    /// <summary>Null when the row is pending again; otherwise why not.</summary>
    public async Task<string?> RetryAsync(long id, ClaimsPrincipal by, CancellationToken ct = default)
    {
        // Checked here, not only by the page: a circuit outlives the request that opened it.
        if (!by.IsInRole(Roles.Admin)) return "Only an admin may send a message again.";
        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var all = db.Set<OutboxMessage>();
        await using var tx = await OutboxLine.TakeAsync(db, id, ct);
        // In order per (meeting, recipient): once a later message to them has gone (or is going) out, this one may not follow it.
        var retried = await all.Where(m => m.Id == id && m.Status == OutboxStatus.Failed && (m.Kind == OutboxKind.Account
                || !all.Any(later => later.Kind == OutboxKind.Meeting && later.MeetingId == m.MeetingId && later.RecipientId == m.RecipientId
                    && later.Id > m.Id && (later.Status == OutboxStatus.Sent || later.ClaimedUntil > now))))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Pending).SetProperty(m => m.NextAttemptAt, now)
                .SetProperty(m => m.ClaimedUntil, (DateTime?)null), ct);
        await tx.CommitAsync(ct);
        if (retried == 1)
        {
            logger.LogWarning("Outbox message {Id} is sent again at the request of admin {UserId}", id, by.UserId());
            sender.Wake();
            return null;
        }
        var row = await all.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, ct);
        return row?.Status != OutboxStatus.Failed
            ? "This message is no longer failed."
            : "A later message about this meeting has gone to this recipient since: this one would arrive after it, out of order.";
    }
}
