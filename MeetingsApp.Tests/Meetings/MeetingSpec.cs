using MeetingsApp.Meetings;

namespace MeetingsApp.Tests.Meetings;

/// <summary>Given(events) / When(command) / Then(events or error), on the pure decision: no database.</summary>
public sealed class MeetingSpec
{
    public static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    public static readonly Guid MeetingId = Guid.Parse("6f1d2c3b-0000-4000-8000-000000000001");
    public static readonly Guid Alice = Guid.Parse("a11ce000-0000-4000-8000-000000000001");
    public static readonly Guid Bob = Guid.Parse("b0b00000-0000-4000-8000-000000000002");
    public static readonly Guid Carol = Guid.Parse("ca201000-0000-4000-8000-000000000003");
    public static readonly Guid Mallory = Guid.Parse("3a110270-0000-4000-8000-000000000004");
    public static readonly DateTimeOffset Start = Now.AddDays(1);

    /// <summary>Alice's meeting with Bob and Carol, tomorrow for an hour.</summary>
    public static MeetingScheduled Scheduled { get; } =
        new(MeetingId, "Planning", "Quarterly plan", "Room 1", Start, TimeSpan.FromHours(1), Alice, [Bob, Carol], Now.AddHours(-1));

    private readonly object[] _given;

    private MeetingSpec(object[] given) => _given = given;

    public static MeetingSpec Given(params object[] events) => new(events);

    public Outcome When<TCommand>(TCommand command, Guid actor, DateTimeOffset? now = null) where TCommand : IMeetingCommand<TCommand> =>
        new(TCommand.Decide(Meeting.Fold(_given), command, actor, now ?? Now));

    public sealed class Outcome(Decision decision)
    {
        public void Then(params object[] expected)
        {
            Assert.Null(decision.Error);
            Assert.Equivalent(expected, decision.Events, strict: true);
        }

        public MeetingError ThenRejected(MeetingErrorCode code)
        {
            Assert.Empty(decision.Events);
            Assert.NotNull(decision.Error);
            Assert.Equal(code, decision.Error.Code);
            Assert.False(string.IsNullOrWhiteSpace(decision.Error.Message));
            return decision.Error;
        }
    }
}
