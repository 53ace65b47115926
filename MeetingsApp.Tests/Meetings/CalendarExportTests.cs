using Ical.Net;
using Ical.Net.DataTypes;
using MeetingsApp.Accounts;
using MeetingsApp.Data;
using MeetingsApp.EventStore;
using MeetingsApp.EventStore.Subscriptions;
using MeetingsApp.Meetings;

namespace MeetingsApp.Tests.Meetings;

/// <summary>"Add to calendar": the .ics a participant downloads, parsed back with Ical.Net.</summary>
public sealed class CalendarExportTests : DatabaseTest
{
    protected override async ValueTask SetUpAsync() => await Services.StartSubscriptionsAsync();

    [Fact]
    public async Task Sequence_CountsTheOrganisersRevisionsOnly_AndTheAttendeesAndLocationFollowTheMeeting()
    {
        var (alice, bob, carol, dave) = (await RegisterAsync("Alice"), await RegisterAsync("Bob"), await RegisterAsync("Carol"), await RegisterAsync("Dave"));
        var handler = Services.Get<MeetingCommandHandler>();
        var id = Guid.NewGuid();
        async Task<int> SequenceAfter<T>(T command, Guid actor) where T : IMeetingCommand<T>
        {
            Assert.True((await handler.HandleAsync(command, new CommandContext(actor, Guid.NewGuid()))).Succeeded);
            return (await ExportAsync(id, alice)).Events.Single().Sequence;
        }

        var start = Clock.GetUtcNow().AddDays(2);
        Assert.Equal(0, await SequenceAfter(new ScheduleMeeting(id, "Review", null, start, TimeSpan.FromHours(1), [bob, carol], "Room 1"), alice));
        Assert.Equal(0, await SequenceAfter(new AcceptInvitation(id), bob));
        Assert.Equal(1, await SequenceAfter(new EditMeetingDetails(id, "Design review", null, "Room 2"), alice));
        Assert.Equal(2, await SequenceAfter(new InvitePeople(id, [dave]), alice));
        Assert.Equal(2, await SequenceAfter(new TentativelyAcceptInvitation(id, "first half"), dave));
        Assert.Equal(2, await SequenceAfter(new DeclineInvitation(id), carol));
        Assert.Equal(3, await SequenceAfter(new RemovePeople(id, [carol]), alice));
        Assert.Equal(3, await SequenceAfter(new AcceptInvitation(id, "yes"), bob));

        var e = (await ExportAsync(id, bob)).Events.Single();
        Assert.Equal(("Design review", "Room 2"), (e.Summary, e.Location));
        Assert.Equal(["Bob: ACCEPTED", "Dave: TENTATIVE"], e.Attendees.Select(a => $"{a.CommonName}: {a.ParticipationStatus}").Order());
        Assert.Equal(4, await SequenceAfter(new RescheduleMeeting(id, start.AddHours(1)), alice));
        Assert.Equal("NEEDS-ACTION", (await ExportAsync(id, alice)).Events.Single().Attendees.First(a => a.CommonName == "Bob").ParticipationStatus);
        Assert.Equal(5, await SequenceAfter(new CancelMeeting(id), alice));
    }

    private async Task<Ical.Net.Calendar> ExportAsync(Guid meetingId, Guid userId)
    {
        await Services.Get<SubscriptionHost<AppDbContext>>().WaitForAsync(await Services.Get<IEventStore>().ReadHeadAsync(), TimeSpan.FromSeconds(20));
        var meeting = (await Services.Get<MeetingQueries>().GetAsync(meetingId, userId))!;
        var people = await Services.Get<UserDirectory>().GetAsync(meeting.Participants.Select(p => p.UserId));
        return Ical.Net.Calendar.Load(CalendarExport.ToICalendar(meeting, people, Clock.GetUtcNow()))!;
    }
}
