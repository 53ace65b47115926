using MeetingsApp.EventStore;
using MeetingsApp.Meetings;

namespace MeetingsApp.Tests.Meetings;

/// <summary>
/// Property-style: generated hostile values through the real command path. Whatever comes in, the handler answers
/// (never throws), refuses what breaks a rule with a readable error, and writes nothing for what it refuses.
/// </summary>
public sealed class HostileInputTests : DatabaseTest
{
    private static readonly string[] Pieces =
    [
        "\u0000", "\u0007", "\n", "\r", "\t", "\u202E", "\u200F", "🎉", "👩‍👩‍👧", "<script>alert(1)</script>", "<b>", "&amp;",
        "'; DROP TABLE events; --", "Ω", "\uD800", " ", "会议", "x",
    ];

    private static string Text(Random random, int maxPieces) =>
        string.Concat(Enumerable.Range(0, random.Next(maxPieces + 1)).Select(_ => Pieces[random.Next(Pieces.Length)]));

    [Fact]
    public async Task GeneratedCommands_AreAnsweredClearly_AndOnlyValidOnesWriteEvents()
    {
        var handler = Services.Get<MeetingCommandHandler>();
        var store = Services.Get<IEventStore>();
        var people = await RegisterAsync(4);
        var random = new Random(20261128);
        var now = Clock.GetUtcNow();
        DateTimeOffset[] starts =
        [
            now.AddDays(-1), now, now.AddMinutes(4), now.AddMinutes(6), DateTimeOffset.MaxValue, DateTimeOffset.MinValue, now.AddYears(6),
            new(2027, 3, 28, 1, 30, 0, TimeSpan.Zero), new(2027, 10, 31, 0, 30, 0, TimeSpan.Zero), // Europe's clock changes
        ];
        var scheduled = new List<Guid>();

        for (var i = 0; i < 300; i++)
        {
            var head = await store.ReadHeadAsync();
            var title = random.Next(10) == 0 ? new string('t', 10 * 1024 * 1024) : Text(random, 4);
            var invitees = random.Next(4) switch
            {
                0 => [people[0], people[0]],
                1 => [Guid.NewGuid()],
                2 => [],
                _ => people.Skip(1).Take(random.Next(1, 4)).ToList(),
            };
            var command = new ScheduleMeeting(Guid.NewGuid(), title, Text(random, 6), starts[random.Next(starts.Length)],
                TimeSpan.FromMinutes(random.Next(-10, 2_000)), invitees);

            var result = await handler.HandleAsync(command, new CommandContext(people[0], Guid.NewGuid()));

            var written = await store.ReadHeadAsync() - head;
            if (result.Succeeded)
            {
                Assert.Equal(1, written);
                scheduled.Add(command.MeetingId);
                Assert.False(string.IsNullOrWhiteSpace(command.Title));
                Assert.DoesNotContain(command.Title, char.IsControl);
            }
            else
            {
                Assert.Equal(0, written);
                Assert.False(string.IsNullOrWhiteSpace(result.Error!.Message));
            }
        }

        Assert.NotEmpty(scheduled); // the generator also produces valid meetings
        foreach (var unknown in Enumerable.Range(0, 20).Select(_ => Guid.NewGuid()))
        {
            Assert.Equal(MeetingErrorCode.NotFound, (await handler.HandleAsync(new AcceptInvitation(unknown), new CommandContext(people[1], Guid.NewGuid()))).Error!.Code);
            Assert.Equal(MeetingErrorCode.NotFound, (await handler.HandleAsync(new CancelMeeting(unknown, "Because"), new CommandContext(people[0], Guid.NewGuid()))).Error!.Code);
        }
    }

    [Fact]
    public async Task MarkupInATitle_IsStoredAsText()
    {
        var people = await RegisterAsync(2);
        var command = new ScheduleMeeting(Guid.NewGuid(), "<img src=x onerror=alert(1)> Review", "<script>alert(1)</script>",
            Clock.GetUtcNow().AddDays(1), TimeSpan.FromHours(1), [people[1]]);

        Assert.True((await Services.Get<MeetingCommandHandler>().HandleAsync(command, new CommandContext(people[0], Guid.NewGuid()))).Succeeded);

        var stored = Assert.IsType<MeetingScheduled>((await Services.Get<IEventStore>().ReadStreamAsync(command.MeetingId))[0].Data);
        Assert.Equal("<img src=x onerror=alert(1)> Review", stored.Title);
        Assert.Equal("<script>alert(1)</script>", stored.Description);
    }
}
