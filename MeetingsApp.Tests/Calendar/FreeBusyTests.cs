using MeetingsApp.Calendar;
using MeetingsApp.Data;
using MeetingsApp.EventStore;
using MeetingsApp.EventStore.Subscriptions;
using MeetingsApp.Meetings;
using Microsoft.EntityFrameworkCore;

namespace MeetingsApp.Tests.Calendar;

/// <summary>The free/busy read model and the warnings that commands carry, on SQLite (and PostgreSQL below).</summary>
public class FreeBusyTests : DatabaseTest
{
    private Guid _alice, _bob, _carol, _dave;
    private DateTimeOffset _three;

    private MeetingCommandHandler Handler => Services.Get<MeetingCommandHandler>();

    protected override async ValueTask SetUpAsync()
    {
        (_alice, _bob, _carol, _dave) = (await RegisterAsync("Alice"), await RegisterAsync("Bob"), await RegisterAsync("Carol"), await RegisterAsync("Dave"));
        _three = new DateTimeOffset(2026, 12, 3, 15, 0, 0, TimeSpan.Zero);
        await Services.StartSubscriptionsAsync();
    }

    /// <summary>Runs a command once the free/busy read model has caught up with everything before it, as a person would.</summary>
    private async Task<CommandResult> RunAsync<T>(Guid actor, T command) where T : IMeetingCommand<T>
    {
        await Services.Get<SubscriptionHost<AppDbContext>>().WaitForAsync(await Services.Get<IEventStore>().ReadHeadAsync(), TimeSpan.FromSeconds(20));
        var result = await Handler.HandleAsync(command, new CommandContext(actor, Guid.NewGuid()));
        Assert.True(result.Succeeded, result.Error?.Message);
        return result;
    }

    private Task<CommandResult> ScheduleAsync(Guid meeting, string title, Guid organizer, DateTimeOffset start, int minutes, params Guid[] invitees) =>
        RunAsync(organizer, new ScheduleMeeting(meeting, title, null, start, TimeSpan.FromMinutes(minutes), invitees));

    [Fact]
    public async Task ABusyInvitee_IsAWarning_NotARefusal_NamingTheOtherMeetingOnlyToItsParticipants()
    {
        var planning = Guid.NewGuid();
        Assert.Empty((await ScheduleAsync(planning, "Sprint planning", _alice, _three, 90, _bob)).Warnings);

        // Carol takes no part in the planning: she learns that Bob is busy, and when, but not with what.
        var review = Guid.NewGuid();
        var warned = await ScheduleAsync(review, "Design review", _carol, _three.AddMinutes(30), 60, _bob);
        Assert.Equal([new Clash(_bob, planning, null, _three, _three.AddMinutes(90))], warned.Warnings);

        // Alice organises the planning: she sees its title, for Bob and for herself, since both are in it.
        var oneToOne = await ScheduleAsync(Guid.NewGuid(), "One to one", _alice, _three.AddMinutes(60), 30, _bob);
        Assert.Equal([(_alice, "Sprint planning"), (_bob, "Sprint planning"), (_bob, null)],
            oneToOne.Warnings.Select(w => (w.UserId, w.OtherTitle)).OrderBy(w => w.UserId == _bob).ThenBy(w => w.OtherTitle is null));
    }

    [Fact]
    public async Task DeclinedAndCancelledMeetings_KeepNobodyBusy_AndMeetingsThatOnlyTouch_DoNotClash()
    {
        var planning = Guid.NewGuid();
        await ScheduleAsync(planning, "Sprint planning", _alice, _three, 60, _bob, _dave);
        await RunAsync(_bob, new DeclineInvitation(planning));

        var review = await ScheduleAsync(Guid.NewGuid(), "Design review", _carol, _three, 60, _bob, _dave);
        Assert.Equal([_dave], review.Warnings.Select(w => w.UserId));

        await RunAsync(_alice, new CancelMeeting(planning, null));
        Assert.Empty((await ScheduleAsync(Guid.NewGuid(), "Retro", _carol, _three.AddHours(1), 60, _dave)).Warnings); // 16:00 follows 15:00-16:00
        Assert.DoesNotContain((await ScheduleAsync(Guid.NewGuid(), "Standup", _alice, _three, 15, _dave)).Warnings, w => w.OtherMeetingId == planning);
    }

    [Fact]
    public async Task Moving_Inviting_AndAccepting_WarnThosePeopleOnly()
    {
        var planning = Guid.NewGuid();
        await ScheduleAsync(planning, "Sprint planning", _alice, _three, 60, _bob);
        var review = Guid.NewGuid();
        await ScheduleAsync(review, "Design review", _carol, _three.AddHours(2), 60, _dave);

        // Moving the review onto the planning's time: its own people (Carol, Dave) are checked, and neither is in the planning.
        var moved = await RunAsync(_carol, new RescheduleMeeting(review, _three.AddMinutes(30), null));
        Assert.Empty(moved.Warnings);

        var invited = await RunAsync(_carol, new InvitePeople(review, [_bob]));
        Assert.Equal([_bob], invited.Warnings.Select(w => w.UserId));

        // Bob says yes to the review while the planning still holds him: he hears of it, and sees its title (he is in it).
        var accepted = await RunAsync(_bob, new AcceptInvitation(review));
        Assert.Equal([(_bob, "Sprint planning")], accepted.Warnings.Select(w => (w.UserId, w.OtherTitle)));

        // An edit of the title changes nobody's time: no warnings.
        Assert.Empty((await RunAsync(_carol, new EditMeetingDetails(review, "Design review II", null, null))).Warnings);
    }

    /// <summary>On PostgreSQL, lookups asked while another runs go together in one batch (CombinedReads): each gets its own answer.</summary>
    [Fact]
    public async Task ManyClashLookupsAtOnce_EachGetTheirOwnAnswer()
    {
        var planning = Guid.NewGuid();
        await ScheduleAsync(planning, "Sprint planning", _alice, _three, 60, _bob);
        await ScheduleAsync(Guid.NewGuid(), "Retro", _carol, _three.AddHours(2), 30, _dave);
        await Services.Get<SubscriptionHost<AppDbContext>>().WaitForAsync(await Services.Get<IEventStore>().ReadHeadAsync(), TimeSpan.FromSeconds(20));
        var freeBusy = Services.Get<IFreeBusy>();
        (Guid Asking, Guid[] People, DateTimeOffset Start)[] asks =
        [
            (_alice, [_bob], _three), (_carol, [_bob, _dave], _three.AddMinutes(30)), (_dave, [_dave], _three.AddHours(2)),
            (_bob, [_carol], _three), (_alice, [_alice, _carol, _dave], _three.AddHours(2)), (_carol, [_alice], _three.AddHours(5)),
        ];
        var alone = new List<IReadOnlyList<Clash>>();
        foreach (var (asking, people, start) in asks) alone.Add(await freeBusy.ClashesAsync(asking, null, start, start.AddMinutes(30), people));

        var atOnce = await Task.WhenAll(Enumerable.Range(0, 4).SelectMany(_ => asks)
            .Select(a => freeBusy.ClashesAsync(a.Asking, null, a.Start, a.Start.AddMinutes(30), a.People)));

        Assert.Equal(Enumerable.Range(0, 4).SelectMany(_ => alone), atOnce);
        Assert.Equal([new Clash(_bob, planning, "Sprint planning", _three, _three.AddHours(1))], alone[0]);
        Assert.Equal(new[] { _bob, _carol, _dave }.Order(), alone.SelectMany(c => c).Select(c => c.UserId).Distinct().Order());
        Assert.Empty(alone[3]);
        Assert.Empty(alone[5]);
    }

    [Fact]
    public async Task TheReadModel_HoldsWhoEachMeetingKeepsBusy_AndARebuildEqualsIt()
    {
        var planning = Guid.NewGuid();
        await ScheduleAsync(planning, "Sprint planning", _alice, _three, 60, _bob, _carol, _dave);
        await RunAsync(_bob, new DeclineInvitation(planning));
        await RunAsync(_carol, new TentativelyAcceptInvitation(planning, null));
        await RunAsync(_alice, new RemovePeople(planning, [_dave]));
        await RunAsync(_alice, new RescheduleMeeting(planning, _three.AddDays(1), TimeSpan.FromMinutes(45))); // Bob is asked again: busy
        var host = Services.Get<SubscriptionHost<AppDbContext>>();
        await host.WaitForAsync(await Services.Get<IEventStore>().ReadHeadAsync(), TimeSpan.FromSeconds(20));

        var live = await BusyAsync();
        Assert.Equal([(_alice, true, InvitationResponse.Accepted), (_bob, false, InvitationResponse.Pending), (_carol, false, InvitationResponse.Pending)],
            live.Select(b => (b.UserId, b.IsOrganizer, b.Response)).OrderBy(b => !b.IsOrganizer).ThenBy(b => b.UserId == _carol));
        Assert.All(live, b => Assert.Equal((_three.AddDays(1).UtcDateTime, _three.AddDays(1).AddMinutes(45).UtcDateTime), (b.Start, b.End)));

        await host.RebuildAsync(FreeBusyProjection.SubscriberName);
        Assert.Equivalent(live, await BusyAsync(), strict: true);
    }

    [Fact]
    public async Task SuggestTimes_SkipsEveryonesBusyTimeAndNonWorkingHours_ButNotTheMeetingBeingMoved()
    {
        // Thursday 3 December 2026. Alice works in Berlin (08:00-16:00 UTC), Bob in New York (14:00-22:00 UTC).
        var profiles = Services.Get<MeetingsApp.Accounts.Profiles>();
        await profiles.SaveAsync(_alice, new("Europe/Berlin", true, MeetingsApp.Accounts.WorkDays.MondayToFriday, new(9, 0), new(17, 0)));
        await profiles.SaveAsync(_bob, new("America/New_York", true, MeetingsApp.Accounts.WorkDays.MondayToFriday, new(9, 0), new(17, 0)));
        var planning = Guid.NewGuid();
        await ScheduleAsync(planning, "Sprint planning", _alice, _three.AddHours(-1), 60, _bob); // 14:00-15:00 UTC
        await ScheduleAsync(Guid.NewGuid(), "Bob's dentist", _bob, _three.AddMinutes(30), 30, _carol); // 15:30-16:00 UTC
        await Services.Get<SubscriptionHost<AppDbContext>>().WaitForAsync(await Services.Get<IEventStore>().ReadHeadAsync(), TimeSpan.FromSeconds(20));
        var freeBusy = Services.Get<IFreeBusy>();
        var morning = _three.AddHours(-15); // Thursday, 00:00 UTC

        var slots = await freeBusy.SuggestAsync(null, [_alice, _bob], TimeSpan.FromMinutes(30), morning, TimeZoneInfo.Utc, 3);
        Assert.Equal([_three, _three.AddDays(1).AddHours(-1), _three.AddDays(1).AddMinutes(-30)], slots.Select(s => s.Start));

        // Moving the planning itself: its own time counts as free.
        var moving = await freeBusy.SuggestAsync(planning, [_alice, _bob], TimeSpan.FromMinutes(30), morning, TimeZoneInfo.Utc, 1);
        Assert.Equal([_three.AddHours(-1)], moving.Select(s => s.Start));
    }

    private async Task<List<BusyInterval>> BusyAsync()
    {
        await using var db = await Services.Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await db.Set<BusyInterval>().AsNoTracking().OrderBy(b => b.UserId).ToListAsync();
    }
}

public sealed class FreeBusyPostgresTests : FreeBusyTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
