using MeetingsApp.Meetings;
using static MeetingsApp.Tests.Meetings.MeetingSpec;

namespace MeetingsApp.Tests.Meetings;

public sealed class ScheduleMeetingTests
{
    private static ScheduleMeeting Valid => new(MeetingId, "  Planning ", " Quarterly plan ", Start, TimeSpan.FromHours(1), [Bob, Carol]);

    [Fact]
    public void Schedule_OnANewStream_RecordsTheTrimmedMeetingWithTheActorAsOrganiser() =>
        Given().When(Valid, Alice).Then(
            new MeetingScheduled(MeetingId, "Planning", "Quarterly plan", "", Start, TimeSpan.FromHours(1), Alice, [Bob, Carol], Now));

    [Fact]
    public void Schedule_WhenTheMeetingExists_IsRejected() =>
        Given(Scheduled).When(Valid, Alice).ThenRejected(MeetingErrorCode.AlreadyExists);

    [Fact]
    public void Schedule_InvitingTheOrganiser_IsRejected() =>
        Given().When(Valid with { InviteeIds = [Bob, Alice] }, Alice).ThenRejected(MeetingErrorCode.OrganizerInvited);
}
