using MeetingsApp.EventStore;
using MeetingsApp.Meetings;
using Microsoft.EntityFrameworkCore;

namespace MeetingsApp.Timeline;

/// <summary>
/// One row per person per version of a meeting: the meeting as that version left it and the person's part in it, valid
/// from <see cref="ValidFrom"/> (inclusive) until <see cref="ValidTo"/> (exclusive). Kept by <see cref="MeetingVersionProjection"/>;
/// "as of" views read it (<see cref="AsOfQueries"/>) instead of folding the log up to an instant.
/// </summary>
public sealed class MeetingVersionParticipant
{
    /// <summary>
    /// <see cref="ValidTo"/> of a version that is still current. A value rather than null, so that "valid at T" is one range
    /// of an index on both providers (PostgreSQL stores it as <c>infinity</c>).
    /// </summary>
    public static readonly DateTime EndOfTime = DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc);

    /// <summary>
    /// Rows longer than this are <see cref="IsLong"/>. The calendar looks for meetings that start at most this long before
    /// its window; longer ones come from a second, normally empty, range. Its own constant, not the validator's maximum, so
    /// that changing that rule cannot hide rows written under the old one.
    /// </summary>
    public static readonly TimeSpan LongerThan = TimeSpan.FromDays(1);

    public Guid MeetingId { get; init; }
    public int Version { get; init; }
    public Guid UserId { get; init; }

    /// <summary>
    /// When the version's event was written (<c>created_at</c>), so that the version valid at T is the one a fold of the events
    /// written up to T reaches. Never earlier than the previous version's, should a clock have stepped back.
    /// </summary>
    public DateTime ValidFrom { get; init; }

    /// <summary>When the next version's event was written; <see cref="EndOfTime"/> while this is the current version.</summary>
    public DateTime ValidTo { get; set; }

    /// <summary>The global position of the version's event.</summary>
    public long FromPosition { get; init; }

    /// <summary>The global position of the next version's event; null while this is the current version.</summary>
    public long? ToPosition { get; set; }

    public string Title { get; init; } = "";
    public DateTime Start { get; init; }
    public DateTime End { get; init; }
    public TimeSpan Duration { get; init; }

    /// <summary>Longer than <see cref="LongerThan"/>: found by the calendar's second range.</summary>
    public bool IsLong { get; init; }

    public MeetingStatus Status { get; init; }

    /// <summary>
    /// The person is in the meeting's latest version: access follows current membership, so an "as of" view shows them
    /// only rows where this holds. Kept on every row of theirs (set again when they are removed or invited back), so that
    /// the view is one range of an index, with no join.
    /// </summary>
    public bool StillTakesPart { get; set; }

    public bool IsOrganizer { get; init; }

    /// <summary>The person's own answer at this version (the organiser's is Accepted).</summary>
    public InvitationResponse Response { get; init; }

    public int Accepted { get; init; }
    public int Declined { get; init; }
    public int Pending { get; init; }
    public int Tentative { get; init; }
}

public static class MeetingVersionReadModel
{
    public const string TableName = "meeting_version_participants";

    public static ModelBuilder AddMeetingVersions(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<MeetingVersionParticipant>(e =>
        {
            e.ToTable(TableName);
            e.HasKey(x => new { x.MeetingId, x.Version, x.UserId });
            foreach (var time in new[] { nameof(MeetingVersionParticipant.ValidFrom), nameof(MeetingVersionParticipant.ValidTo),
                nameof(MeetingVersionParticipant.Start), nameof(MeetingVersionParticipant.End) })
                e.Property<DateTime>(time).HasConversion(EventStoreModel.Utc);
            e.Property(x => x.Title).HasMaxLength(MeetingRules.TitleMaxLength);
            // "My meetings as of T": the user's rows still valid after T, of which those that began by T (see AsOfQueries). It
            // carries every column the list shows, so the list is read from the index alone: a user's rows lie scattered over
            // the table, and fetching 10,000 of them one by one costs more than the range itself.
            e.HasIndex(x => new
            {
                x.UserId, x.StillTakesPart, x.ValidTo, x.ValidFrom, x.Start, x.MeetingId, x.Version, x.Title, x.Duration, x.Status,
                x.IsOrganizer, x.Response, x.Accepted, x.Tentative, x.Declined, x.Pending,
            }).HasDatabaseName("ix_meeting_versions_as_of");
            // "My calendar as of T": the user's rows that start inside the window or at most LongerThan before it.
            e.HasIndex(x => new { x.UserId, x.IsLong, x.Start }).HasDatabaseName("ix_meeting_versions_calendar");
        });
        return modelBuilder;
    }

    /// <summary>The organiser and every invitee.</summary>
    public static HashSet<Guid> People(Meeting meeting) => [meeting.OrganizerId, .. meeting.Invitees.Select(i => i.UserId)];

    /// <summary>The rows of one version: the organiser first, then every invitee, with the version's answer counts.</summary>
    /// <param name="stillTakesPart">Who is in the meeting's latest version; null when this version is the latest.</param>
    public static IEnumerable<MeetingVersionParticipant> Rows(Meeting meeting, DateTime validFrom, DateTime validTo, long fromPosition, long? toPosition,
        IReadOnlySet<Guid>? stillTakesPart = null)
    {
        var (accepted, declined, pending, tentative) = (meeting.Count(InvitationResponse.Accepted), meeting.Count(InvitationResponse.Declined),
            meeting.Count(InvitationResponse.Pending), meeting.Count(InvitationResponse.Tentative));
        var start = meeting.Start.UtcDateTime;
        return meeting.Invitees.Select(i => (i.UserId, IsOrganizer: false, i.Response))
            .Prepend((UserId: meeting.OrganizerId, IsOrganizer: true, Response: InvitationResponse.Accepted))
            .Select(p => new MeetingVersionParticipant
            {
                MeetingId = meeting.Id, Version = meeting.Version, UserId = p.UserId, ValidFrom = validFrom, ValidTo = validTo,
                FromPosition = fromPosition, ToPosition = toPosition, Title = meeting.Title, Start = start, End = start + meeting.Duration,
                Duration = meeting.Duration, IsLong = meeting.Duration > MeetingVersionParticipant.LongerThan, Status = meeting.Status,
                StillTakesPart = stillTakesPart?.Contains(p.UserId) ?? true, IsOrganizer = p.IsOrganizer, Response = p.Response,
                Accepted = accepted, Declined = declined, Pending = pending, Tentative = tentative,
            });
    }
}
