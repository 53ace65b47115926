using FluentValidation;
using MeetingsApp.Meetings;

namespace MeetingsApp.Tests.Meetings;

/// <summary>The shape rules of scheduling, with invitees checked against the real user store.</summary>
public sealed class ScheduleMeetingValidatorTests : DatabaseTest
{
    private List<Guid> _people = [];

    protected override async ValueTask SetUpAsync() => _people = await RegisterAsync(101);

    private IValidator<ScheduleMeeting> Validator => Services.Get<IValidator<ScheduleMeeting>>();

    private DateTimeOffset Now => Clock.GetUtcNow();

    private ScheduleMeeting Valid => new(Guid.NewGuid(), "Planning", "Quarterly plan", Now.AddDays(1), TimeSpan.FromHours(1), [_people[0], _people[1]]);

    [Fact]
    public async Task AValidCommand_Passes() => Assert.True((await Validator.ValidateAsync(Valid)).IsValid);

    [Fact]
    public async Task AStartFiveCalendarYearsAhead_Passes_EvenWithALeapDayBetween()
    {
        // From 1 December 2026, five years hold 29 February 2028: 1,826 days, not 5 × 365.
        Assert.True((await Validator.ValidateAsync(Valid with { Start = Now.AddYears(5) })).IsValid);
        Assert.False((await Validator.ValidateAsync(Valid with { Start = Now.AddYears(5).AddMinutes(1) })).IsValid);
    }

    public static TheoryData<string, string> Invalid => new()
    {
        { "blank title", "Title" }, { "long title", "Title" }, { "long description", "Description" },
        { "start in 4 minutes", "Start" }, { "start yesterday", "Start" }, { "4-minute meeting", "Duration" },
        { "24h01 meeting", "Duration" }, { "nobody invited", "InviteeIds" }, { "invited twice", "InviteeIds" },
        { "101 invitees", "InviteeIds" }, { "empty id", "InviteeIds" }, { "unregistered invitee", "InviteeIds" },
        { "no meeting id", "MeetingId" },
        { "start at the end of time", "Start" },
        { "start in six years", "Start" },
        { "control character in title", "Title" },
        { "line break in title", "Title" },
        { "ten megabyte title", "Title" },
        { "null character in description", "Description" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task BadInput_IsRejected_NamingTheField(string scenario, string field)
    {
        var command = scenario switch
        {
            "blank title" => Valid with { Title = "   " },
            "long title" => Valid with { Title = new string('t', 201) },
            "long description" => Valid with { Description = new string('d', 2_001) },
            "start in 4 minutes" => Valid with { Start = Now.AddMinutes(4) },
            "start yesterday" => Valid with { Start = Now.AddDays(-1) },
            "4-minute meeting" => Valid with { Duration = TimeSpan.FromMinutes(4) },
            "24h01 meeting" => Valid with { Duration = TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1) },
            "nobody invited" => Valid with { InviteeIds = [] },
            "invited twice" => Valid with { InviteeIds = [_people[0], _people[0]] },
            "101 invitees" => Valid with { InviteeIds = _people },
            "empty id" => Valid with { InviteeIds = [Guid.Empty] },
            "unregistered invitee" => Valid with { InviteeIds = [_people[0], Guid.NewGuid()] },
            "no meeting id" => Valid with { MeetingId = Guid.Empty },
            "start at the end of time" => Valid with { Start = DateTimeOffset.MaxValue },
            "start in six years" => Valid with { Start = Now.AddYears(6) },
            "control character in title" => Valid with { Title = "Plan\u0007ning" },
            "line break in title" => Valid with { Title = "Plan\nning" },
            "ten megabyte title" => Valid with { Title = new string('x', 10 * 1024 * 1024) },
            "null character in description" => Valid with { Description = "a\0b" },
            _ => throw new ArgumentOutOfRangeException(nameof(scenario)),
        };

        var result = await Validator.ValidateAsync(command);

        Assert.False(result.IsValid);
        Assert.All(result.Errors, e => Assert.Equal(field, e.PropertyName));
    }

    [Theory]
    [InlineData("Réunion d'équipe 🎉")]
    [InlineData("גישה <script>alert(1)</script>")] // right-to-left text is readable; an override in it is not (ReadableTextTests)
    [InlineData("会议 · Besprechung")]
    public async Task UnusualButReadableText_Passes(string title) =>
        Assert.True((await Validator.ValidateAsync(Valid with { Title = title, Description = "Line one\nLine two\twith a tab" })).IsValid);

    [Fact]
    public async Task TheEdges_Pass()
    {
        var edges = Valid with
        {
            Title = new string('t', 200) + "  ", Description = new string('d', 2_000), Start = Now.AddMinutes(5),
            Duration = TimeSpan.FromMinutes(5), InviteeIds = _people[..100],
        };
        Assert.True((await Validator.ValidateAsync(edges)).IsValid);
        Assert.True((await Validator.ValidateAsync(edges with { Duration = TimeSpan.FromHours(24), Description = null })).IsValid);
    }
}
