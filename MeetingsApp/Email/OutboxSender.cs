using MeetingsApp.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace MeetingsApp.Email;

/// <summary>
/// Delivers the outbox: at least once, in order per (meeting, recipient) so a CANCEL never overtakes a REQUEST still being
/// retried. A permanent refusal of the message or its recipient (<see cref="DeliveryFailures.IsPermanent"/>) marks the row
/// failed at once, with the server's answer, and the rows after it go on; any other trouble is retried with a doubling
/// wait of at most <see cref="EmailOptions.MaxRetryDelay"/>, for as long as it lasts. Several instances may run it: each
/// takes a row with a conditional update (a claim that expires) before sending it. A crash between sending and marking
/// can repeat a message; its stable Message-ID lets receivers see that.
/// </summary>
public sealed class OutboxSender(IDbContextFactory<AppDbContext> contexts, IMailTransport transport, IOptions<EmailOptions> options,
    TimeProvider clock, ILogger<OutboxSender> logger) : BackgroundService
{
    private static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(2);
    private readonly SemaphoreSlim _wake = new(0);

    private EmailOptions Options => options.Value;

    /// <summary>New rows were committed: look now rather than at the next poll.</summary>
    public void Wake()
    {
        if (_wake.CurrentCount == 0) _wake.Release();
    }

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        logger.LogInformation("E-mail goes to {Transport}", transport.Describe);
        var pruned = DateTime.MinValue;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                while (await DeliverDueAsync(ct) > 0) { }
                if (clock.GetUtcNow().UtcDateTime - pruned > TimeSpan.FromHours(1)) pruned = await PruneAsync(ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "The outbox could not be read; trying again shortly");
            }
            try
            {
                await _wake.WaitAsync(Options.PollInterval, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Sends what is due now; returns how many rows it handled.</summary>
    internal async Task<int> DeliverDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        List<long> due;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            due = await FirstInLine(db.Set<OutboxMessage>().Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now
                    && (m.ClaimedUntil == null || m.ClaimedUntil < now)), db.Set<OutboxMessage>())
                .OrderBy(m => m.Id).Select(m => m.Id).Take(20).ToListAsync(ct);
        }
        var handled = 0;
        foreach (var id in due)
            if (await DeliverAsync(id, ct)) handled++;
        return handled;
    }

    /// <summary>
    /// Those of <paramref name="rows"/> with no pending row of the same (meeting, recipient) before them: a pending row, due
    /// or backing off, holds back the later ones; a failed or unsent one is final and holds nothing back. Account mails
    /// stand alone.
    /// </summary>
    private static IQueryable<OutboxMessage> FirstInLine(IQueryable<OutboxMessage> rows, IQueryable<OutboxMessage> all) =>
        rows.Where(m => m.Kind == OutboxKind.Account || !all.Any(earlier => earlier.Status == OutboxStatus.Pending
            && earlier.Kind == OutboxKind.Meeting && earlier.MeetingId == m.MeetingId && earlier.RecipientId == m.RecipientId && earlier.Id < m.Id));

    private async Task<bool> DeliverAsync(long id, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        // Still first in line as it is claimed: an admin may have sent an earlier row of the same recipient again meanwhile.
        int claimed;
        await using (var tx = await OutboxLine.TakeAsync(db, id, ct))
        {
            claimed = await FirstInLine(db.Set<OutboxMessage>()
                    .Where(m => m.Id == id && m.Status == OutboxStatus.Pending && (m.ClaimedUntil == null || m.ClaimedUntil < now)), db.Set<OutboxMessage>())
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedUntil, now + ClaimFor), ct);
            await tx.CommitAsync(ct);
        }
        if (claimed == 0) return false; // another instance has it, or it waits for an earlier one
        var row = await db.Set<OutboxMessage>().SingleAsync(m => m.Id == id, ct);
        try
        {
            using var message = MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(row.Mime)), ct);
            await transport.SendAsync(message, ct);
            (row.Status, row.SentAt, row.LastError) = (OutboxStatus.Sent, clock.GetUtcNow().UtcDateTime, null);
            row.Attempts++;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            var failedAt = clock.GetUtcNow().UtcDateTime;
            row.Attempts++;
            row.LastError = DeliveryFailures.Describe(ex);
            if (DeliveryFailures.IsPermanent(ex))
            {
                (row.Status, row.NextAttemptAt) = (OutboxStatus.Failed, failedAt);
                logger.LogWarning("E-mail {MessageId} to {To} was refused for good (attempt {Attempt}): {Error}",
                    row.MessageId, row.To, row.Attempts, row.LastError);
            }
            else
            {
                row.NextAttemptAt = failedAt + DeliveryFailures.RetryDelay(row.Attempts, Options.FirstRetryDelay, Options.MaxRetryDelay);
                logger.LogWarning("E-mail {MessageId} to {To} failed (attempt {Attempt}), retrying at {Next:u}: {Error}",
                    row.MessageId, row.To, row.Attempts, row.NextAttemptAt, row.LastError);
            }
        }
        row.ClaimedUntil = null;
        await db.SaveChangesAsync(CancellationToken.None);
        return true;
    }

    /// <summary>Deletes what is final (sent, failed, not sent) since longer than <see cref="EmailOptions.RetentionDays"/>: its addresses and message go too.</summary>
    internal async Task<DateTime> PruneAsync(CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime.AddDays(-Options.RetentionDays);
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Set<OutboxMessage>().Where(m => (m.Status == OutboxStatus.Sent && m.SentAt < cutoff)
                || ((m.Status == OutboxStatus.Failed || m.Status == OutboxStatus.NotSent) && m.NextAttemptAt < cutoff))
            .ExecuteDeleteAsync(ct);
        return clock.GetUtcNow().UtcDateTime;
    }
}
