using Microsoft.EntityFrameworkCore;

namespace MeetingsApp.Email;

public enum OutboxStatus
{
    Pending,
    Sent,
    Failed,

    /// <summary>Never to be sent: an operator released its parked event "without side effects" (the reason is in <see cref="OutboxMessage.LastError"/>).</summary>
    NotSent,
}

/// <summary>
/// One e-mail that an event caused for one recipient, rendered once (from the meeting's stream at that event's version)
/// and written by <see cref="EmailReactor"/> in the transaction that moves its checkpoint: one row per (event, recipient),
/// never two. <see cref="OutboxSender"/> delivers it at least once, with the stable <see cref="MessageId"/>.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; init; }
    public long EventPosition { get; init; }
    public Guid MeetingId { get; init; }
    public Guid RecipientId { get; init; }

    /// <summary>iTIP's method: REQUEST, CANCEL or REPLY.</summary>
    public string Method { get; init; } = "";

    /// <summary>What it is, for people: "invitation", "update", "cancellation", "answer".</summary>
    public string Purpose { get; init; } = "";

    public string To { get; init; } = "";
    public string Subject { get; init; } = "";
    public string MessageId { get; init; } = "";

    /// <summary>The whole message as sent (RFC 5322), so what went out can be read back exactly.</summary>
    public string Mime { get; init; } = "";

    public OutboxStatus Status { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public DateTime CreatedAt { get; init; }
    public DateTime NextAttemptAt { get; set; }

    /// <summary>An instance delivering this row holds it until then; another instance may take it over after.</summary>
    public DateTime? ClaimedUntil { get; set; }

    public DateTime? SentAt { get; set; }
}

public static class OutboxModel
{
    public static ModelBuilder AddOutbox(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(e =>
        {
            e.ToTable("email_outbox");
            e.HasKey(x => x.Id);
            // Exactly once: one row per event and recipient, whatever happens.
            e.HasIndex(x => new { x.EventPosition, x.RecipientId }).IsUnique();
            // In order per (meeting, recipient): a CANCEL waits for the REQUEST before it.
            e.HasIndex(x => new { x.MeetingId, x.RecipientId, x.Id });
            e.HasIndex(x => new { x.Status, x.NextAttemptAt });
        });
        return modelBuilder;
    }
}
