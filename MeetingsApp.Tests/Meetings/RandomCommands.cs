using MeetingsApp.EventStore;
using MeetingsApp.Meetings;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingsApp.Tests.Meetings;

/// <summary>
/// A random sequence of every meeting command from a fixed seed (so a failure can be replayed), through the real command
/// handler: mostly by the person who may do it, so enough is recorded, sometimes by anyone, so refusals are mixed in.
/// </summary>
public static class RandomCommands
{
    /// <summary>What a run recorded: commands in all, and how many proposals were made and how many accepted or dismissed.</summary>
    public readonly record struct Recorded(int Commands, int Proposed, int ProposalsTaken);

    /// <summary>Runs <paramref name="count"/> commands on <paramref name="meetings"/>; returns what was recorded.</summary>
    /// <param name="afterEach">Runs after each command, for example to move the test's clock; it does not draw from <paramref name="random"/>.</param>
    public static async Task<Recorded> RunAsync(IServiceProvider services, Random random, IReadOnlyList<Guid> people, IReadOnlyList<Guid> meetings,
        DateTimeOffset start, int count, Action? afterEach = null)
    {
        var handler = services.GetRequiredService<MeetingCommandHandler>();
        var store = services.GetRequiredService<IEventStore>();
        Guid Anyone() => people[random.Next(people.Count)];
        List<Guid> Some() => [.. people.OrderBy(_ => random.Next()).Take(random.Next(1, 4))];
        string? Note() => random.Next(3) == 0 ? null : $"note {random.Next(100)}";
        var (accepted, proposed, proposalsTaken) = (0, 0, 0);
        for (var i = 0; i < count; i++)
        {
            var meeting = meetings[random.Next(meetings.Count)];
            var kind = random.Next(13);
            var state = Meeting.Fold(await store.ReadPayloadsAsync(meeting));
            var actor = (random.Next(5), state) switch
            {
                (0, _) or (_, null) => Anyone(),
                (_, { Invitees.Count: > 0 }) when kind is >= 5 and not (10 or 11) => state.Invitees[random.Next(state.Invitees.Count)].UserId,
                _ => state.OrganizerId,
            };
            // An open proposal mostly, sometimes one that never was.
            var proposal = state is { Proposals.Count: > 0 } && random.Next(6) > 0 ? state.Proposals[random.Next(state.Proposals.Count)].Id : Guid.NewGuid();
            var context = new CommandContext(actor, Guid.NewGuid());
            var result = kind switch
            {
                0 => await handler.HandleAsync(new ScheduleMeeting(meeting, $"Meeting {i}", null, start.AddHours(random.Next(48)), TimeSpan.FromMinutes(30),
                    [.. Some().Where(p => p != actor)]), context),
                1 => await handler.HandleAsync(new EditMeetingDetails(meeting, $"Renamed {i}", random.Next(2) == 0 ? null : "agenda", $"Room {random.Next(3)}"), context),
                2 => await handler.HandleAsync(new RescheduleMeeting(meeting, start.AddHours(random.Next(48)), TimeSpan.FromMinutes(15 * random.Next(1, 8))), context),
                3 => await handler.HandleAsync(new InvitePeople(meeting, Some()), context),
                4 => await handler.HandleAsync(new RemovePeople(meeting, Some()), context),
                5 => await handler.HandleAsync(new TentativelyAcceptInvitation(meeting, Note()), context),
                6 => await handler.HandleAsync(new DeclineInvitation(meeting, Note()), context),
                7 when random.Next(8) == 0 => await handler.HandleAsync(new CancelMeeting(meeting, "random"), context),
                10 => await handler.HandleAsync(new AcceptProposal(meeting, proposal), context),
                11 => await handler.HandleAsync(new DismissProposal(meeting, proposal, random.Next(2) == 0 ? null : "no"), context),
                12 => await handler.HandleAsync(new ProposeNewTime(meeting, Guid.NewGuid(), start.AddHours(random.Next(48)),
                    random.Next(2) == 0 ? null : TimeSpan.FromMinutes(15 * random.Next(1, 8)), Note()), context),
                _ => await handler.HandleAsync(new AcceptInvitation(meeting, Note()), context),
            };
            afterEach?.Invoke();
            if (!result.Succeeded) continue;
            accepted++;
            proposed += kind == 12 ? 1 : 0;
            proposalsTaken += kind is 10 or 11 ? 1 : 0;
        }
        return new Recorded(accepted, proposed, proposalsTaken);
    }
}
