using MeetingsApp.EventStore;
using MeetingsApp.Meetings;
using MeetingsApp.Timeline;

namespace MeetingsApp.Tests.Timeline;

/// <summary>Each event of a history reads as a sentence, with people named.</summary>
public sealed class TimelineSentencesTests
{
    private static readonly Guid Erin = Guid.NewGuid(), Dave = Guid.NewGuid();
    private static readonly DateTimeOffset Now = new(2026, 3, 27, 8, 0, 0, TimeSpan.Zero);

    private static string Say(object @event, string actor = "Alice")
    {
        var recorded = new RecordedEvent(1, Guid.NewGuid(), "Meeting", "x", 2, 1, @event, Now, "{}");
        var step = new HistoryStep(recorded, actor, null!, new HashSet<string>());
        var names = new Dictionary<Guid, string> { [Erin] = "Erin Evans", [Dave] = "Dave Davis" };
        return TimelineSentences.Describe(step, id => names[id], TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));
    }

    [Fact]
    public void EveryNewKindOfChange_ReadsAsASentence()
    {
        var id = Guid.NewGuid();
        Assert.Equal("Alice renamed it from “Sprint plan” to “Sprint planning”",
            Say(new MeetingDetailsEdited(id, "Sprint planning", "Sprint plan", null, null, null, null, Guid.NewGuid(), Now)));
        Assert.Equal("Alice removed the location and changed the description",
            Say(new MeetingDetailsEdited(id, null, null, "New agenda", "Old", "", "Room 1", Guid.NewGuid(), Now)));
        Assert.Equal("Alice invited Erin Evans and Dave Davis", Say(new PeopleInvited(id, [Erin, Dave], Guid.NewGuid(), Now)));
        Assert.Equal("Alice removed Erin Evans", Say(new PeopleRemoved(id, [Erin], Guid.NewGuid(), Now)));
        Assert.Equal("Bob said maybe: “only the first half”", Say(new InvitationTentativelyAccepted(id, Guid.NewGuid(), "only the first half", Now), "Bob"));
        Assert.Equal("Bob declined", Say(new InvitationDeclined(id, Guid.NewGuid(), null, Now), "Bob"));
        // Berlin switched to summer time on 29 March 2026: both times are Berlin's wall clock.
        Assert.Equal("Alice moved it from Fri 27 Mar 2026, 10:00 to Mon 30 Mar 2026, 10:00 and changed its length from 1 h to 1 h 30 min; everyone is asked again",
            Say(new MeetingRescheduled(id, Now.AddHours(1), Now.AddDays(3), TimeSpan.FromHours(1), TimeSpan.FromMinutes(90), true, Guid.NewGuid(), Now)));
        Assert.Equal("Alice moved it from Fri 27 Mar 2026, 10:00 to Fri 27 Mar 2026, 11:00",
            Say(new MeetingRescheduled(id, Now.AddHours(1), Now.AddHours(2), null, null, false, Guid.NewGuid(), Now)));
    }

    [Fact]
    public void Proposals_ReadAsSentences_InTheReadersZone()
    {
        var (id, proposal) = (Guid.NewGuid(), Guid.NewGuid());
        Assert.Equal("Erin proposed Tue 31 Mar 2026, 10:00 (1 h): “Clash with standup”",
            Say(new TimeProposed(id, proposal, Erin, Now.AddDays(4), TimeSpan.FromHours(1), "Clash with standup", Now), "Erin"));
        Assert.Equal("Erin proposed Tue 31 Mar 2026, 10:00 (45 min)", Say(new TimeProposed(id, proposal, Erin, Now.AddDays(4), TimeSpan.FromMinutes(45), null, Now), "Erin"));
        Assert.Equal("Alice dismissed Erin Evans’s proposal of Tue 31 Mar 2026, 10:00 (1 h): “The room is taken”",
            Say(new ProposalDismissed(id, proposal, Erin, Now.AddDays(4), TimeSpan.FromHours(1), "The room is taken", Guid.NewGuid(), Now)));
        Assert.Equal("Alice accepted Erin Evans’s proposal and moved it from Fri 27 Mar 2026, 10:00 to Tue 31 Mar 2026, 10:00; everyone else is asked again",
            Say(new MeetingRescheduled(id, Now.AddHours(1), Now.AddDays(4), null, null, true, Guid.NewGuid(), Now, new AcceptedProposal(proposal, Erin))));
    }
}
