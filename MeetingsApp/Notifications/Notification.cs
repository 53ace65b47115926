using Microsoft.EntityFrameworkCore;

namespace MeetingsApp.Notifications;

/// <summary>What happened; stored as a number, so new kinds go at the end.</summary>
public enum NotificationKind { Invited, Accepted, Declined, Rescheduled, Cancelled, Tentative, DetailsChanged, Removed, TimeProposed, ProposalAccepted, ProposalDismissed }

/// <summary>
/// Something a person should know about a meeting, written once per (event, recipient) by
/// <see cref="NotificationReactor"/>. Names and titles are as they were when it happened.
/// </summary>
public sealed class Notification
{
    public long Id { get; init; }
    public Guid UserId { get; init; }
    public long EventPosition { get; init; }
    public Guid MeetingId { get; init; }
    public NotificationKind Kind { get; init; }
    public string ActorName { get; init; } = "";
    public string MeetingTitle { get; init; } = "";

    /// <summary>The new start, for a rescheduled meeting; the proposed one, for a proposal made or dismissed.</summary>
    public DateTime? Start { get; init; }

    /// <summary>The new length, for a meeting whose length changed; the proposed one, for a proposal made or dismissed.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>The note given with an answer or a proposal, or what an edit changed ("renamed from ...").</summary>
    public string? Detail { get; init; }

    public string? Reason { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime? ReadAt { get; set; }
}

public static class NotificationModel
{
    public static ModelBuilder AddNotifications(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Notification>(e =>
        {
            e.ToTable("notifications");
            e.HasKey(x => x.Id);
            // The reactor's "exactly once": one notification per event and recipient, whatever happens.
            e.HasIndex(x => new { x.EventPosition, x.UserId }).IsUnique();
            e.HasIndex(x => new { x.UserId, x.Id });
        });
        return modelBuilder;
    }
}
