using MeetingsApp.Data;
using MeetingsApp.EventStore;
using MeetingsApp.EventStore.Subscriptions;
using MeetingsApp.Shared;
using Microsoft.EntityFrameworkCore;

namespace MeetingsApp.Meetings;

/// <summary>
/// Keeps <see cref="MeetingSummary"/>, <see cref="MeetingParticipant"/> and <see cref="MeetingProposal"/> rows equal to the meeting that
/// <see cref="Meeting.Evolve"/> makes of the log: live one event at a time, or rebuilt by folding the whole log.
/// </summary>
public sealed class MeetingProjection(MeetingAudiences audiences) : IProjection<AppDbContext>
{
    public const string SubscriberName = "meetings";

    public string Name => SubscriberName;

    public SubscriberKind Kind => SubscriberKind.Projection;

    public bool WritesOnlyThroughChangeTracker => true;

    public async Task ApplyAsync(AppDbContext db, RecordedEvent @event, CancellationToken ct)
    {
        if (@event.StreamType != MeetingCommandHandler.StreamType) return;
        // The meeting's row and its participants' rows in one statement (tracked, for Write to change).
        var found = await db.Set<MeetingSummary>().Where(s => s.MeetingId == @event.StreamId)
            .Select(s => new { Summary = s, Participants = db.Set<MeetingParticipant>().Where(p => p.MeetingId == s.MeetingId).ToList() })
            .SingleOrDefaultAsync(ct);
        var (summary, participants) = (found?.Summary, found?.Participants ?? []);
        if (summary is not null && @event.Position <= summary.LastPosition) return; // replayed: already in the row

        var proposals = summary is { OpenProposals: > 0 }
            ? await db.Set<MeetingProposal>().Where(p => p.MeetingId == @event.StreamId).ToListAsync(ct)
            : [];
        var before = summary is null ? null : MeetingReadModel.ToMeeting(summary, participants, proposals);
        if ((before?.Version ?? 0) + 1 != @event.Version)
            throw new InvalidOperationException($"Meeting {@event.StreamId} is at version {before?.Version ?? 0} but event {@event.Position} is version {@event.Version}.");
        var after = Meeting.Evolve(before, @event.Data);
        Write(db, summary, participants, after, @event.Position);
        audiences.Applied(after, @event.Position);
        WriteProposals(db, proposals, after);
    }

    public async Task<Func<AppDbContext, CancellationToken, Task>> RebuildAsync(IAsyncEnumerable<IReadOnlyList<RecordedEvent>> log, CancellationToken ct)
    {
        var meetings = await FoldAsync(log, ct);
        return async (db, token) =>
        {
            await using var cache = await db.LargeWriteCacheAsync(token);
            await db.Set<MeetingProposal>().ExecuteDeleteAsync(token);
            await db.Set<MeetingParticipant>().ExecuteDeleteAsync(token);
            await db.Set<MeetingSummary>().ExecuteDeleteAsync(token);
            await db.InsertAsync(meetings.Values.Select(m => Summary(m.State, m.Position)), token);
            await db.InsertAsync(meetings.Values.SelectMany(m => Participants(m.State)), token);
            await db.InsertAsync(meetings.Values.SelectMany(m => Proposals(m.State)), token);
        };
    }

    /// <summary>Every meeting in <paramref name="log"/> as <see cref="Meeting.Evolve"/> leaves it, with its last event's position: what a rebuild starts from.</summary>
    public static async Task<Dictionary<Guid, (Meeting State, long Position)>> FoldAsync(IAsyncEnumerable<IReadOnlyList<RecordedEvent>> log, CancellationToken ct)
    {
        var meetings = new Dictionary<Guid, (Meeting State, long Position)>();
        await foreach (var batch in log.WithCancellation(ct))
        {
            foreach (var e in batch)
            {
                if (e.StreamType != MeetingCommandHandler.StreamType) continue;
                meetings[e.StreamId] = (Meeting.Evolve(meetings.GetValueOrDefault(e.StreamId).State, e.Data), e.Position);
            }
        }
        return meetings;
    }

    private static void Write(AppDbContext db, MeetingSummary? summary, List<MeetingParticipant> participants, Meeting meeting, long position)
    {
        if (summary is null) db.Add(Summary(meeting, position));
        else Update(summary, meeting, position);

        var rows = participants.ToDictionary(p => p.UserId);
        foreach (var participant in Participants(meeting))
        {
            if (!rows.Remove(participant.UserId, out var row)) db.Add(participant);
            else (row.Ordinal, row.Response, row.Note, row.Start, row.Status) =
                (participant.Ordinal, participant.Response, participant.Note, participant.Start, participant.Status);
        }
        // Whoever is left was removed: access follows current membership, so their row goes.
        db.RemoveRange(rows.Values);
    }

    /// <summary>A proposal's row never changes but for its place in the list; closed ones go.</summary>
    private static void WriteProposals(AppDbContext db, List<MeetingProposal> proposals, Meeting meeting)
    {
        var rows = proposals.ToDictionary(p => p.ProposalId);
        foreach (var proposal in Proposals(meeting))
        {
            if (!rows.Remove(proposal.ProposalId, out var row)) db.Add(proposal);
            else row.Ordinal = proposal.Ordinal;
        }
        db.RemoveRange(rows.Values);
    }

    private static MeetingSummary Summary(Meeting meeting, long position)
    {
        var summary = new MeetingSummary { MeetingId = meeting.Id, OrganizerId = meeting.OrganizerId };
        Update(summary, meeting, position);
        return summary;
    }

    private static void Update(MeetingSummary summary, Meeting meeting, long position)
    {
        summary.Title = meeting.Title;
        summary.SearchTitle = SearchText.Normalize(meeting.Title);
        summary.Description = meeting.Description;
        summary.Location = meeting.Location;
        summary.Start = meeting.Start.UtcDateTime;
        summary.Duration = meeting.Duration;
        summary.Status = meeting.Status;
        summary.CancellationReason = meeting.CancellationReason;
        summary.Accepted = meeting.Count(InvitationResponse.Accepted);
        summary.Declined = meeting.Count(InvitationResponse.Declined);
        summary.Pending = meeting.Count(InvitationResponse.Pending);
        summary.Tentative = meeting.Count(InvitationResponse.Tentative);
        summary.OpenProposals = meeting.Proposals.Count;
        summary.Version = meeting.Version;
        summary.Revision = meeting.Revision;
        summary.LastPosition = position;
    }

    /// <summary>The organiser (ordinal -1) and every invitee, as rows.</summary>
    private static IEnumerable<MeetingParticipant> Participants(Meeting meeting) =>
        meeting.Invitees.Select((invitee, i) => (invitee.UserId, Ordinal: i, invitee.Response, invitee.Note))
            .Prepend((UserId: meeting.OrganizerId, Ordinal: -1, Response: InvitationResponse.Accepted, Note: null))
            .Select(p => new MeetingParticipant
            {
                MeetingId = meeting.Id, UserId = p.UserId, Ordinal = p.Ordinal, Response = p.Response, Note = p.Note,
                Start = meeting.Start.UtcDateTime, Status = meeting.Status,
            });

    private static IEnumerable<MeetingProposal> Proposals(Meeting meeting) =>
        meeting.Proposals.Select((p, i) => new MeetingProposal
        {
            MeetingId = meeting.Id, ProposalId = p.Id, Ordinal = i, ProposedBy = p.ProposedBy, Start = p.Start.UtcDateTime,
            Duration = p.Duration, Note = p.Note,
        });
}
