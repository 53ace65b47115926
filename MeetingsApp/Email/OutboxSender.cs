using MeetingsApp.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace MeetingsApp.Email;

/// <summary>
/// Delivers the outbox: at least once, in order per (meeting, recipient) so a CANCEL never overtakes a REQUEST still being
/// retried, with exponential backoff up to <see cref="EmailOptions.MaxAttempts"/>, then marked failed with the server's
/// answer. Several instances may run it: each takes a row with a conditional update (a claim that expires) before
/// sending it. A crash between sending and marking can repeat a message; its stable Message-ID lets receivers see that.
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
    private async Task<int> DeliverDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        List<long> due;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            var pending = db.Set<OutboxMessage>().Where(m => m.Status == OutboxStatus.Pending);
            // The first pending row of each (meeting, recipient) only: later ones wait for it. Account mails stand alone.
            due = await pending.Where(m => m.NextAttemptAt <= now && (m.ClaimedUntil == null || m.ClaimedUntil < now)
                    && (m.Kind == OutboxKind.Account || !pending.Any(earlier => earlier.Kind == OutboxKind.Meeting
                        && earlier.MeetingId == m.MeetingId && earlier.RecipientId == m.RecipientId && earlier.Id < m.Id)))
                .OrderBy(m => m.Id).Select(m => m.Id).Take(20).ToListAsync(ct);
        }
        var handled = 0;
        foreach (var id in due)
            if (await DeliverAsync(id, ct)) handled++;
        return handled;
    }

    private async Task<bool> DeliverAsync(long id, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var claimed = await db.Set<OutboxMessage>()
            .Where(m => m.Id == id && m.Status == OutboxStatus.Pending && (m.ClaimedUntil == null || m.ClaimedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedUntil, now + ClaimFor), ct);
        if (claimed == 0) return false; // another instance has it
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
            row.Attempts++;
            row.LastError = ex.Message;
            if (row.Attempts >= Options.MaxAttempts) row.Status = OutboxStatus.Failed;
            else row.NextAttemptAt = clock.GetUtcNow().UtcDateTime + Options.FirstRetryDelay * Math.Pow(2, row.Attempts - 1);
            logger.LogWarning("E-mail {MessageId} to {To} failed (attempt {Attempt} of {Max}): {Error}",
                row.MessageId, row.To, row.Attempts, Options.MaxAttempts, ex.Message);
        }
        row.ClaimedUntil = null;
        await db.SaveChangesAsync(CancellationToken.None);
        return true;
    }

    private async Task<DateTime> PruneAsync(CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime.AddDays(-Options.RetentionDays);
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Set<OutboxMessage>().Where(m => m.Status == OutboxStatus.Sent && m.SentAt < cutoff).ExecuteDeleteAsync(ct);
        return clock.GetUtcNow().UtcDateTime;
    }
}
