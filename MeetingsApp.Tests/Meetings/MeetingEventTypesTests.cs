using MeetingsApp.Data;
using MeetingsApp.EventStore;
using MeetingsApp.Meetings;

namespace MeetingsApp.Tests.Meetings;

public class MeetingEventTypesTests : DatabaseTest
{
    [Fact]
    public async Task AMeetingScheduledRowOfSchemaVersion1_IsReadAsTheCurrentShape()
    {
        var (meetingId, alice, bob) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        // Exactly what version 1 wrote: whole minutes, no description.
        var v1 = $$"""{"meetingId":"{{meetingId}}","title":"Retro","start":"2026-12-03T10:00:00+00:00","durationMinutes":45,"organizerId":"{{alice}}","inviteeIds":["{{bob}}"],"scheduledAt":"2026-12-01T09:00:00+00:00"}""";
        InsertRawEvent(meetingId, "Meeting", "meeting_scheduled", 1, 1, v1,
            System.Text.Json.JsonSerializer.Serialize(EventMetadata.ForCommand(alice, Guid.NewGuid()), EventTypeRegistry.Json));

        var read = Assert.Single(await Services.Get<IEventStore>().ReadStreamAsync(meetingId));

        Assert.True(read.WasUpcast);
        var scheduled = Assert.IsType<MeetingScheduled>(read.Data);
        Assert.Equal((TimeSpan.FromMinutes(45), "", "", "Retro", alice),
            (scheduled.Duration, scheduled.Description, scheduled.Location, scheduled.Title, scheduled.OrganizerId));
        Assert.Equal([bob], scheduled.InviteeIds);
        // A meeting written in the old shape still takes commands.
        var accepted = await Services.Get<MeetingCommandHandler>().HandleAsync(new AcceptInvitation(meetingId), new CommandContext(bob, Guid.NewGuid()));
        Assert.True(accepted.Succeeded);
    }

    [Fact]
    public async Task StoredVersion1RowsOfRescheduledAndAnswers_AreReadAsTheCurrentShape_AndFoldAsTheyDidThen()
    {
        var (meetingId, alice, bob) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var meta = System.Text.Json.JsonSerializer.Serialize(EventMetadata.ForCommand(alice, Guid.NewGuid()), EventTypeRegistry.Json);
        InsertRawEvent(meetingId, "Meeting", "meeting_scheduled", 1, 2,
            $$"""{"meetingId":"{{meetingId}}","title":"Retro","description":"","start":"2026-12-03T10:00:00+00:00","duration":"01:00:00","organizerId":"{{alice}}","inviteeIds":["{{bob}}"],"scheduledAt":"2026-12-01T09:00:00+00:00"}""", meta);
        InsertRawEvent(meetingId, "Meeting", "invitation_accepted", 2, 1,
            $$"""{"meetingId":"{{meetingId}}","userId":"{{bob}}","acceptedAt":"2026-12-01T10:00:00+00:00"}""", meta);
        // Exactly what version 1 of meeting_rescheduled wrote: the start only.
        var v1 = $$"""{"meetingId":"{{meetingId}}","previousStart":"2026-12-03T10:00:00+00:00","newStart":"2026-12-03T14:00:00+00:00","rescheduledBy":"{{alice}}","rescheduledAt":"2026-12-01T11:00:00+00:00"}""";
        InsertRawEvent(meetingId, "Meeting", "meeting_rescheduled", 3, 1, v1, meta);

        var read = await Services.Get<IEventStore>().ReadStreamAsync(meetingId);

        Assert.All(read, e => Assert.True(e.WasUpcast));
        var moved = Assert.IsType<MeetingRescheduled>(read[2].Data);
        Assert.Equal((null, null, false), (moved.PreviousDuration, moved.NewDuration, moved.AnswersReset));
        Assert.Null(Assert.IsType<InvitationAccepted>(read[1].Data).Note);
        var meeting = Meeting.Fold(read.Select(e => e.Data))!;
        // Version 1 kept the answers, and the fold still says so; the length stays as scheduled.
        Assert.Equal((InvitationResponse.Accepted, TimeSpan.FromHours(1), "", 1), (meeting.InviteeOf(bob)!.Response, meeting.Duration, meeting.Location, meeting.Revision));
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 14, 0, 0, TimeSpan.Zero), meeting.Start);
        // The rows stay exactly as they were written.
        using var connection = OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT data FROM events WHERE id = {read[2].Position}";
        Assert.Equal(v1, command.ExecuteScalar());
    }

    [Fact]
    public async Task AStoredVersion2RescheduledRow_ReadsAsAMoveOfNoProposal_AndStillResetsEveryAnswer()
    {
        var (meetingId, alice, bob) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var meta = System.Text.Json.JsonSerializer.Serialize(EventMetadata.ForCommand(alice, Guid.NewGuid()), EventTypeRegistry.Json);
        InsertRawEvent(meetingId, "Meeting", "meeting_scheduled", 1, 3,
            $$"""{"meetingId":"{{meetingId}}","title":"Retro","description":"","location":"","start":"2026-12-03T10:00:00+00:00","duration":"01:00:00","organizerId":"{{alice}}","inviteeIds":["{{bob}}"],"scheduledAt":"2026-12-01T09:00:00+00:00"}""", meta);
        InsertRawEvent(meetingId, "Meeting", "invitation_accepted", 2, 2,
            $$"""{"meetingId":"{{meetingId}}","userId":"{{bob}}","note":null,"acceptedAt":"2026-12-01T10:00:00+00:00"}""", meta);
        // Exactly what version 2 of meeting_rescheduled wrote: no accepted proposal.
        var v2 = $$"""{"meetingId":"{{meetingId}}","previousStart":"2026-12-03T10:00:00+00:00","newStart":"2026-12-03T14:00:00+00:00","previousDuration":"01:00:00","newDuration":"00:30:00","answersReset":true,"rescheduledBy":"{{alice}}","rescheduledAt":"2026-12-01T11:00:00+00:00"}""";
        InsertRawEvent(meetingId, "Meeting", "meeting_rescheduled", 3, 2, v2, meta);

        var read = await Services.Get<IEventStore>().ReadStreamAsync(meetingId);

        Assert.True(read[2].WasUpcast);
        var moved = Assert.IsType<MeetingRescheduled>(read[2].Data);
        Assert.Equal((null, TimeSpan.FromMinutes(30), true), (moved.AcceptedProposal, moved.NewDuration, moved.AnswersReset));
        var meeting = Meeting.Fold(read.Select(e => e.Data))!;
        Assert.Equal((InvitationResponse.Pending, 1), (meeting.InviteeOf(bob)!.Response, meeting.Revision));
        Assert.Equal(3, Services.Get<EventTypeRegistry>().CurrentSchemaVersion("meeting_rescheduled"));
    }

    [Fact]
    public void EveryEventRoundTripsThroughTheRegistry()
    {
        var registry = Services.Get<EventTypeRegistry>();
        var id = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        object[] events =
        [
            new MeetingScheduled(id, "T", "D", "Room 4", now, TimeSpan.FromMinutes(30), Guid.NewGuid(), [Guid.NewGuid()], now),
            new MeetingDetailsEdited(id, "T2", "T", null, null, "", "Room 4", Guid.NewGuid(), now),
            new InvitationAccepted(id, Guid.NewGuid(), "gladly", now), new InvitationDeclined(id, Guid.NewGuid(), null, now),
            new InvitationTentativelyAccepted(id, Guid.NewGuid(), "first half", now),
            new MeetingRescheduled(id, now, now.AddHours(1), TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(45), true, Guid.NewGuid(), now),
            new MeetingRescheduled(id, now, now.AddHours(1), null, null, true, Guid.NewGuid(), now, new AcceptedProposal(Guid.NewGuid(), Guid.NewGuid())),
            new TimeProposed(id, Guid.NewGuid(), Guid.NewGuid(), now.AddDays(1), TimeSpan.FromMinutes(45), "better", now),
            new ProposalDismissed(id, Guid.NewGuid(), Guid.NewGuid(), now.AddDays(1), TimeSpan.FromMinutes(45), null, Guid.NewGuid(), now),
            new PeopleInvited(id, [Guid.NewGuid(), Guid.NewGuid()], Guid.NewGuid(), now), new PeopleRemoved(id, [Guid.NewGuid()], Guid.NewGuid(), now),
            new MeetingCancelled(id, "r", Guid.NewGuid(), now), new MeetingFinished(id, Guid.NewGuid(), now),
        ];

        foreach (var e in events)
        {
            var (name, version, data) = registry.Serialize(e);
            Assert.Matches("^[a-z_]+$", name);
            var (back, upcast) = registry.Deserialize(1, name, version, data);
            Assert.False(upcast);
            Assert.Equivalent(e, back, strict: true);
        }
    }
}

/// <summary>The same tests on PostgreSQL.</summary>
public sealed class MeetingEventTypesPostgresTests : MeetingEventTypesTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
