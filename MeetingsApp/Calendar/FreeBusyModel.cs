using MeetingsApp.EventStore;
using MeetingsApp.Meetings;
using Microsoft.EntityFrameworkCore;

namespace MeetingsApp.Calendar;

/// <summary>
/// One person kept busy by one meeting, from start to end (UTC). Kept as occurrences (a start and an end), not as "the
/// meeting", so that a recurring series can add one row per occurrence later.
/// </summary>
public sealed class BusyInterval
{
    public Guid UserId { get; init; }
    public Guid MeetingId { get; init; }
    public DateTime Start { get; set; }
    public DateTime End { get; set; }
    public bool IsOrganizer { get; set; }
    public InvitationResponse Response { get; set; }
}

/// <summary>
/// The free/busy projection's own copy of each meeting as <see cref="Meeting.Evolve"/> left it, as JSON: one event then
/// costs one row read instead of reading the meeting's stream (the way Marten keeps a live aggregate as a document).
/// </summary>
public sealed class FreeBusyMeeting
{
    public Guid MeetingId { get; init; }
    public long LastPosition { get; set; }
    public string State { get; set; } = "";
}

public static class FreeBusyModel
{
    public static ModelBuilder AddFreeBusy(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<BusyInterval>(e =>
        {
            e.ToTable("busy_intervals");
            e.HasKey(x => new { x.UserId, x.MeetingId });
            e.Property(x => x.Start).HasConversion(EventStoreModel.Utc);
            e.Property(x => x.End).HasConversion(EventStoreModel.Utc);
            // "Who is busy between a and b" reads one range: starts from a minus the longest meeting up to b.
            e.HasIndex(x => new { x.UserId, x.Start });
            e.HasIndex(x => x.MeetingId);
        });
        modelBuilder.Entity<FreeBusyMeeting>(e =>
        {
            e.ToTable("free_busy_meetings");
            e.HasKey(x => x.MeetingId);
        });
        return modelBuilder;
    }
}
