using MeetingsApp.Meetings;

namespace MeetingsApp.Tests.Meetings;

public sealed class MeetingAudiencesTests
{
    private static readonly (Guid Organizer, Guid Guest) People = (Guid.NewGuid(), Guid.NewGuid());

    private static Meeting Scheduled(Guid id) => Meeting.Evolve(null, new MeetingScheduled(id, "Review", "", "",
        new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero), TimeSpan.FromMinutes(30), People.Organizer, [People.Guest],
        new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero)))!;

    [Fact]
    public void TheParticipantsAnEventLeft_AreTakenOnce_AndOnlyForThatEventsPosition()
    {
        var audiences = new MeetingAudiences();
        var meeting = Scheduled(Guid.NewGuid());
        audiences.Applied(meeting, position: 7);

        Assert.Null(audiences.Take(meeting.Id, 6));
        Assert.Null(audiences.Take(meeting.Id, 8));
        Assert.Equal([People.Organizer, People.Guest], audiences.Take(meeting.Id, 7)!);
        Assert.Null(audiences.Take(meeting.Id, 7)); // taken
        Assert.Null(audiences.Take(Guid.NewGuid(), 7));
    }

    [Fact]
    public void ALaterEventOfTheSameMeeting_ReplacesTheEntry()
    {
        var audiences = new MeetingAudiences();
        var meeting = Scheduled(Guid.NewGuid());
        audiences.Applied(meeting, position: 7);
        audiences.Applied(meeting, position: 9);

        Assert.Null(audiences.Take(meeting.Id, 7));
        Assert.NotNull(audiences.Take(meeting.Id, 9));
    }
}
