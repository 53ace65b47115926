using Microsoft.EntityFrameworkCore;
using MeetingsApp.EventStore;
using MeetingsApp.Shared;

namespace MeetingsApp.Meetings;

/// <summary>One row per meeting: everything a list or a meeting page shows, as of <see cref="Version"/>.</summary>
public sealed class MeetingSummary
{
    public Guid MeetingId { get; init; }
    public string Title { get; set; } = "";

    /// <summary><see cref="Title"/> as a search compares it: see <see cref="SearchText"/>.</summary>
    public string SearchTitle { get; set; } = "";
    public string Description { get; set; } = "";
    public string Location { get; set; } = "";
    public DateTime Start { get; set; }
    public TimeSpan Duration { get; set; }
    public Guid OrganizerId { get; init; }
    public MeetingStatus Status { get; set; }
    public string? CancellationReason { get; set; }
    public int Accepted { get; set; }
    public int Declined { get; set; }
    public int Pending { get; set; }
    public int Tentative { get; set; }

    /// <summary>How many proposals are open: the projection reads <see cref="MeetingProposal"/> rows only when there are some.</summary>
    public int OpenProposals { get; set; }
    public int Version { get; set; }

    /// <summary>The organiser's revisions (<see cref="Meeting.Revision"/>): iCalendar's SEQUENCE.</summary>
    public int Revision { get; set; }

    /// <summary>The global position of the last event applied to this row: a replayed event is recognised and skipped.</summary>
    public long LastPosition { get; set; }

    public DateTime End => Start + Duration;

    public DateTimeOffset StartInstant => new(Start, TimeSpan.Zero);
}

/// <summary>One row per person in a meeting, organiser included: "my meetings" and "my invitations" are one indexed query.</summary>
public sealed class MeetingParticipant
{
    public Guid MeetingId { get; init; }
    public Guid UserId { get; init; }

    /// <summary>Position in the invitation list (the organiser is -1), so the state can be rebuilt in order.</summary>
    public int Ordinal { get; set; }

    public bool IsOrganizer => Ordinal < 0;
    public InvitationResponse Response { get; set; }

    /// <summary>What the invitee wrote with their answer.</summary>
    public string? Note { get; set; }
    public DateTime Start { get; set; }
    public MeetingStatus Status { get; set; }
}

/// <summary>One row per open proposal of another time (<see cref="Proposal"/>); closed ones are deleted.</summary>
public sealed class MeetingProposal
{
    public Guid MeetingId { get; init; }
    public Guid ProposalId { get; init; }

    /// <summary>Position among the meeting's open proposals, oldest first, so the state can be rebuilt in order.</summary>
    public int Ordinal { get; set; }
    public Guid ProposedBy { get; init; }
    public DateTime Start { get; init; }
    public TimeSpan Duration { get; init; }
    public string? Note { get; init; }

    public DateTime End => Start + Duration;
}

public static class MeetingReadModel
{
    public static ModelBuilder AddMeetingReadModel(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<MeetingSummary>(e =>
        {
            e.ToTable("meeting_summaries");
            e.HasKey(x => x.MeetingId);
            e.Property(x => x.Start).HasConversion(EventStoreModel.Utc);
            e.Property(x => x.Title).HasMaxLength(MeetingRules.TitleMaxLength);
            e.Property(x => x.SearchTitle).HasMaxLength(MeetingRules.TitleMaxLength);
            e.Property(x => x.Location).HasMaxLength(MeetingRules.LocationMaxLength);
            e.Ignore(x => x.End);
            e.Ignore(x => x.StartInstant);
        });
        modelBuilder.Entity<MeetingParticipant>(e =>
        {
            e.ToTable("meeting_participants");
            e.HasKey(x => new { x.MeetingId, x.UserId });
            e.Property(x => x.Start).HasConversion(EventStoreModel.Utc);
            e.Ignore(x => x.IsOrganizer);
            e.HasIndex(x => new { x.UserId, x.Start });
        });
        modelBuilder.Entity<MeetingProposal>(e =>
        {
            e.ToTable("meeting_proposals");
            e.HasKey(x => new { x.MeetingId, x.ProposalId });
            e.Property(x => x.Start).HasConversion(EventStoreModel.Utc);
            e.Property(x => x.Note).HasMaxLength(MeetingRules.NoteMaxLength);
            e.Ignore(x => x.End);
        });
        return modelBuilder;
    }

    /// <summary>
    /// The meeting these rows describe, exactly as <see cref="Meeting.Evolve"/> left it. Without <paramref name="proposals"/>
    /// it has no open proposals: fine for an .ics file, which never shows them.
    /// </summary>
    public static Meeting ToMeeting(MeetingSummary s, IEnumerable<MeetingParticipant> participants, IEnumerable<MeetingProposal>? proposals = null) =>
        new(s.MeetingId, s.Title, s.Description, s.Location, new DateTimeOffset(s.Start, TimeSpan.Zero), s.Duration, s.OrganizerId,
            [.. participants.Where(p => !p.IsOrganizer).OrderBy(p => p.Ordinal).Select(p => new Invitee(p.UserId, p.Response, p.Note))],
            s.Status, s.CancellationReason, s.Version, s.Revision)
        {
            Proposals = [.. (proposals ?? []).OrderBy(p => p.Ordinal)
                .Select(p => new Proposal(p.ProposalId, p.ProposedBy, new DateTimeOffset(p.Start, TimeSpan.Zero), p.Duration, p.Note))],
        };
}
