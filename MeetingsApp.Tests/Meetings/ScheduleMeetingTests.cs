using MeetingsApp.Meetings;
using Microsoft.Extensions.Time.Testing;
using static MeetingsApp.Tests.Meetings.MeetingSpec;

namespace MeetingsApp.Tests.Meetings;

public sealed class ScheduleMeetingTests
{
    private static readonly ScheduleMeetingValidator Validator = new(new FakeTimeProvider(Now));

    private static ScheduleMeeting Valid => new(MeetingId, "  Planning ", " Quarterly plan ", Start, TimeSpan.FromHours(1), [Bob, Carol]);

    [Fact]
    public void Schedule_OnANewStream_RecordsTheTrimmedMeetingWithTheActorAsOrganiser() =>
        Given().When(Valid, Alice).Then(
            new MeetingScheduled(MeetingId, "Planning", "Quarterly plan", Start, TimeSpan.FromHours(1), Alice, [Bob, Carol], Now));

    [Fact]
    public void Schedule_WhenTheMeetingExists_IsRejected() =>
        Given(Scheduled).When(Valid, Alice).ThenRejected(MeetingErrorCode.AlreadyExists);

    [Fact]
    public void Schedule_InvitingTheOrganiser_IsRejected() =>
        Given().When(Valid with { InviteeIds = [Bob, Alice] }, Alice).ThenRejected(MeetingErrorCode.OrganizerInvited);

    [Fact]
    public void Validator_AcceptsAValidCommand() => Assert.True(Validator.Validate(Valid).IsValid);

    public static TheoryData<string, ScheduleMeeting> Invalid => new()
    {
        { "Title", Valid with { Title = "   " } },
        { "Title", Valid with { Title = new string('t', 201) } },
        { "Description", Valid with { Description = new string('d', 2_001) } },
        { "Start", Valid with { Start = Now.AddMinutes(4) } },
        { "Start", Valid with { Start = Now.AddDays(-1) } },
        { "Duration", Valid with { Duration = TimeSpan.FromMinutes(4) } },
        { "Duration", Valid with { Duration = TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1) } },
        { "InviteeIds", Valid with { InviteeIds = [] } },
        { "InviteeIds", Valid with { InviteeIds = [Bob, Bob] } },
        { "InviteeIds", Valid with { InviteeIds = [.. Enumerable.Range(0, 101).Select(_ => Guid.NewGuid())] } },
        { "InviteeIds", Valid with { InviteeIds = [Guid.Empty] } },
        { "MeetingId", Valid with { MeetingId = Guid.Empty } },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validator_RejectsBadInput_NamingTheField(string field, ScheduleMeeting command)
    {
        var result = Validator.Validate(command);

        Assert.False(result.IsValid);
        Assert.All(result.Errors, e => Assert.Equal(field, e.PropertyName));
    }

    [Fact]
    public void Validator_AcceptsTheEdges()
    {
        var edges = Valid with
        {
            Title = new string('t', 200) + "  ", Description = new string('d', 2_000), Start = Now.AddMinutes(5),
            Duration = TimeSpan.FromMinutes(5), InviteeIds = [.. Enumerable.Range(0, 100).Select(_ => Guid.NewGuid())],
        };
        Assert.True(Validator.Validate(edges).IsValid);
        Assert.True(Validator.Validate(edges with { Duration = TimeSpan.FromHours(24), Description = null }).IsValid);
    }
}
