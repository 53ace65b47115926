using Microsoft.EntityFrameworkCore;

namespace MeetingsApp.Email;

public enum OutboxStatus
{
    Pending,
    Sent,

    /// <summary>Refused for good by the server (its answer is in <see cref="OutboxMessage.LastError"/>); an admin may send it again.</summary>
    Failed,

    /// <summary>Never to be sent: an operator released its parked event "without side effects" (the reason is in <see cref="OutboxMessage.LastError"/>).</summary>
    NotSent,
}

/// <summary>What caused a message, and so which of its columns are set.</summary>
public enum OutboxKind
{
    /// <summary>A meeting event: <see cref="OutboxMessage.EventPosition"/>, <see cref="OutboxMessage.MeetingId"/> and
    /// <see cref="OutboxMessage.RecipientId"/> are set, and (event, recipient) is unique.</summary>
    Meeting,

    /// <summary>An account form (registration, a new confirmation link): no event or meeting; the recipient's account if
    /// the address has one. Each form post writes its own row, keyed by its own <see cref="OutboxMessage.MessageId"/>.</summary>
    Account,
}

/// <summary>
/// One e-mail, rendered once and delivered by <see cref="OutboxSender"/> at least once, with the stable, unique
/// <see cref="MessageId"/>. A meeting mail is what an event caused for one recipient, rendered from the meeting's stream
/// at that event's version and written by <see cref="EmailReactor"/> in the transaction that moves its checkpoint: one
/// row per (event, recipient), never two. An account mail is written by <see cref="AccountMail"/> with the account
/// change it tells of.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; init; }
    public OutboxKind Kind { get; init; }
    public long? EventPosition { get; init; }
    public Guid? MeetingId { get; init; }
    public Guid? RecipientId { get; init; }

    /// <summary>iTIP's method: REQUEST, CANCEL or REPLY; empty for an account mail, which carries no calendar.</summary>
    public string Method { get; init; } = "";

    /// <summary>What it is, for people: "invitation", "update", "cancellation", "answer"; "address confirmation" ....</summary>
    public string Purpose { get; init; } = "";

    public string To { get; init; } = "";
    public string Subject { get; init; } = "";
    public string MessageId { get; init; } = "";

    /// <summary>
    /// The whole message as sent (RFC 5322), so what went out can be read back exactly. An account mail's may hold a
    /// confirmation link: the admin page does not show those.
    /// </summary>
    public string Mime { get; init; } = "";

    public OutboxStatus Status { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public DateTime CreatedAt { get; init; }
    /// <summary>When a pending row is next due; for a failed or not-sent row, when it became so (pruning counts from then).</summary>
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
            // Exactly once: one row per event and recipient, whatever happens (account rows have no event: NULLs never clash).
            e.HasIndex(x => new { x.EventPosition, x.RecipientId }).IsUnique();
            e.HasIndex(x => x.MessageId).IsUnique();
            // In order per (meeting, recipient): a CANCEL waits for the REQUEST before it.
            e.HasIndex(x => new { x.MeetingId, x.RecipientId, x.Id });
            e.HasIndex(x => new { x.Status, x.NextAttemptAt });
        });
        return modelBuilder;
    }
}
