using MeetingsApp.Demo;
using MeetingsApp.EventStore;
using MeetingsApp.Meetings;
using MeetingsApp.Timeline;

namespace MeetingsApp.Tests.Timeline;

public sealed class MeetingTimelineTests : DatabaseTest
{
    private Guid _alice, _bob, _carol;

    protected override async ValueTask SetUpAsync() =>
        (_alice, _bob, _carol) = (await RegisterAsync("Alice"), await RegisterAsync("Bob"), await RegisterAsync("Carol"));

    private async Task<Guid> HistoryAsync(bool finish)
    {
        var handler = Services.Get<MeetingCommandHandler>();
        var id = Guid.NewGuid();
        var start = Clock.GetUtcNow().AddDays(1);
        async Task Do<T>(T command, Guid actor) where T : IMeetingCommand<T>
        {
            Clock.Advance(TimeSpan.FromMinutes(10));
            Assert.True((await handler.HandleAsync(command, new CommandContext(actor, Guid.NewGuid()))).Succeeded);
        }
        await Do(new ScheduleMeeting(id, "Review", "First draft", start, TimeSpan.FromHours(1), [_bob, _carol]), _alice);
        await Do(new AcceptInvitation(id), _bob);
        await Do(new DeclineInvitation(id), _carol);
        await Do(new RescheduleMeeting(id, start.AddHours(2)), _alice);
        await Do(new AcceptInvitation(id), _carol);
        if (finish)
        {
            Clock.Advance(TimeSpan.FromDays(2));
            await Do(new FinishMeeting(id), _alice);
        }
        else await Do(new CancelMeeting(id, "Moved to next week"), _alice);
        return id;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TheStateAtEachVersion_IsAFreshAggregateOfThatPrefix(bool finish)
    {
        var id = await HistoryAsync(finish);
        var timeline = (await Services.Get<MeetingHistory>().GetAsync(id, _bob))!;
        var payloads = await Services.Get<IEventStore>().ReadPayloadsAsync(id);

        Assert.Equal(6, timeline.Latest);
        for (var v = 1; v <= timeline.Latest; v++)
        {
            Assert.Equal(Meeting.Fold(payloads.Take(v)), timeline.At(v).After);
            Assert.Equal(Meeting.Fold((await Services.Get<IEventStore>().ReadStreamAsync(id, upToVersion: v)).Select(e => e.Data)), timeline.At(v).After);
        }
        Assert.Equal(finish ? MeetingStatus.Finished : MeetingStatus.Cancelled, timeline.At(6).After.Status);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(-1)]
    public async Task AVersionOutsideTheHistory_IsRefusedClearly(int version)
    {
        var timeline = (await Services.Get<MeetingHistory>().GetAsync(await HistoryAsync(finish: false), _alice))!;

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => timeline.At(version));

        Assert.StartsWith("Version must be between 1 and 6.", error.Message);
    }

    [Fact]
    public async Task EachStep_KnowsWhatItChanged()
    {
        var timeline = (await Services.Get<MeetingHistory>().GetAsync(await HistoryAsync(finish: false), _alice))!;

        Assert.Contains(MeetingChanges.Title, timeline.At(1).Changed);
        Assert.Equal([MeetingChanges.Invitee(_bob)], timeline.At(2).Changed);
        // Moving the meeting resets the answers given (bob's and carol's), so they change too.
        Assert.Equal(new[] { MeetingChanges.Start, MeetingChanges.Invitee(_bob), MeetingChanges.Invitee(_carol) }.Order(), timeline.At(4).Changed.Order());
        Assert.Equal([MeetingChanges.Invitee(_carol)], timeline.At(5).Changed);
        Assert.Equal([MeetingChanges.Reason, MeetingChanges.Status], timeline.At(6).Changed.Order());
        Assert.Equal("Alice", timeline.At(6).Actor);
    }

    [Fact]
    public async Task TheVersionAtAnInstant_IsTheLastOneWrittenByThen()
    {
        var before = Clock.GetUtcNow();
        var timeline = (await Services.Get<MeetingHistory>().GetAsync(await HistoryAsync(finish: false), _alice))!;

        Assert.Equal(0, timeline.VersionAt(before));
        Assert.Equal(1, timeline.VersionAt(before.AddMinutes(15)));
        Assert.Equal(3, timeline.VersionAt(before.AddMinutes(30)));
        Assert.Equal(6, timeline.VersionAt(before.AddDays(1)));
    }

    [Fact]
    public async Task SomeoneNotInvited_GetsNoHistory()
    {
        var id = await HistoryAsync(finish: false);

        Assert.Null(await Services.Get<MeetingHistory>().GetAsync(id, await RegisterAsync("Mallory")));
        Assert.Null(await Services.Get<MeetingHistory>().GetAsync(Guid.NewGuid(), _alice));
    }
}

public sealed class AsOfQueriesTests : DatabaseTest
{
    protected override async ValueTask SetUpAsync()
    {
        await Services.Provider.SeedDemoDataAsync();
        await Services.StartSubscriptionsAsync();
        await Services.Get<MeetingsApp.EventStore.Subscriptions.SubscriptionHost<MeetingsApp.Data.AppDbContext>>()
            .WaitForAsync(await Services.Get<IEventStore>().ReadHeadAsync(), TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task MyMeetingsAsTheyWere_AreTheVersionsValidAtThatInstant()
    {
        // The demo story's "today" is the test clock's hour; two and a half days earlier the budget sync was still on.
        var instant = Clock.GetUtcNow().AddDays(-2).AddMinutes(-30);

        var past = (await Services.Get<AsOfQueries>().MyMeetingsAsync(DemoData.Id("user:alice"), instant)).Items;

        Assert.Equal(["Sprint retrospective", "Budget sync"], past.Select(p => p.Title));
        var budget = past.Single(p => p.Title == "Budget sync");
        Assert.Equal((MeetingStatus.Scheduled, InvitationResponse.Accepted, false), (budget.Status, budget.Response, budget.IsOrganizer));
        Assert.Equal(MeetingStatus.Finished, past[0].Status);

        var now = (await Services.Get<AsOfQueries>().MyMeetingsAsync(DemoData.Id("user:alice"), Clock.GetUtcNow())).Items;
        Assert.Equal(MeetingStatus.Cancelled, now.Single(p => p.Title == "Budget sync").Status);
        Assert.Equal(5, now.Count);
    }
}
