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
        Assert.Equal((TimeSpan.FromMinutes(45), "", "Retro", alice), (scheduled.Duration, scheduled.Description, scheduled.Title, scheduled.OrganizerId));
        Assert.Equal([bob], scheduled.InviteeIds);
        // A meeting written in the old shape still takes commands.
        var accepted = await Services.Get<MeetingCommandHandler>().HandleAsync(new AcceptInvitation(meetingId), new CommandContext(bob, Guid.NewGuid()));
        Assert.True(accepted.Succeeded);
    }

    [Fact]
    public void EveryEventRoundTripsThroughTheRegistry()
    {
        var registry = Services.Get<EventTypeRegistry>();
        var id = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        object[] events =
        [
            new MeetingScheduled(id, "T", "D", now, TimeSpan.FromMinutes(30), Guid.NewGuid(), [Guid.NewGuid()], now),
            new InvitationAccepted(id, Guid.NewGuid(), now), new InvitationDeclined(id, Guid.NewGuid(), now),
            new MeetingRescheduled(id, now, now.AddHours(1), Guid.NewGuid(), now), new MeetingCancelled(id, "r", Guid.NewGuid(), now),
            new MeetingFinished(id, Guid.NewGuid(), now),
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
