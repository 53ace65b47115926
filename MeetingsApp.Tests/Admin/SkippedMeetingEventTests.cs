using MeetingsApp.Calendar;
using MeetingsApp.Data;
using MeetingsApp.Demo;
using MeetingsApp.Email;
using MeetingsApp.EventStore.Subscriptions;
using MeetingsApp.Live;
using MeetingsApp.Meetings;
using MeetingsApp.Notifications;
using MeetingsApp.Tests.EndToEnd;
using MeetingsApp.Timeline;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace MeetingsApp.Tests.Admin;

/// <summary>
/// The real app, a meeting whose history holds, between known events, a row of a type this version does not know (written
/// by a newer version that was rolled back, which also took the later answers and edits). Every subscriber parks it; this
/// version refuses commands on it. The operator's skip lets each subscriber pass over exactly that event: the later events
/// reach the read models, the notifications and the outbox once, and rebuilds come to the same tables.
/// </summary>
public class SkippedMeetingEventTests : UpgradeTest
{
    /// <summary>Every row of the three projections about meetings, as text: what live and rebuilt tables must agree on.</summary>
    private async Task<List<string>> TablesAsync() => await ReadAsync(async db => (await db.Set<MeetingSummary>().OrderBy(m => m.MeetingId)
            .Select(m => $"{m.MeetingId} {m.Title} v{m.Version} r{m.Revision} {m.Accepted}/{m.Declined}/{m.Pending} {m.Status} @{m.LastPosition}").ToListAsync())
        .Concat(await db.Set<MeetingParticipant>().OrderBy(p => p.MeetingId).ThenBy(p => p.UserId).Select(p => $"{p.MeetingId} {p.UserId} {p.Response}").ToListAsync())
        .Concat(await db.Set<BusyInterval>().OrderBy(b => b.MeetingId).ThenBy(b => b.UserId).Select(b => $"{b.MeetingId} {b.UserId} {b.Response} {b.Start:O}").ToListAsync())
        .Concat(await db.Set<FreeBusyMeeting>().OrderBy(f => f.MeetingId).Select(f => $"{f.MeetingId} @{f.LastPosition} {f.State}").ToListAsync())
        .Concat(await db.Set<MeetingVersionParticipant>().OrderBy(r => r.MeetingId).ThenBy(r => r.Version).ThenBy(r => r.UserId)
            .Select(r => $"{r.MeetingId} v{r.Version} {r.UserId} {r.Title} {r.Response} {r.ValidFrom:O}-{r.ValidTo:O} {r.FromPosition}-{r.ToPosition} {r.StillTakesPart}").ToListAsync())
        .ToList());

    private async Task SkipForEveryoneAsync(Guid stream, long position, string reason)
    {
        var last = 0L;
        foreach (var subscriber in Host.Status.Select(s => s.Name))
            last = (await App.Get<ParkingDecisions>().RecordAsync(new ParkedEventSkipped(subscriber, stream, position, reason),
                EventMetadata.ForCommand(Alice, Guid.NewGuid()))).LastPosition;
        await Host.WaitForAsync(last, TimeSpan.FromSeconds(20));
    }

    private Task<List<string>> HeardAsync(Guid meeting) => ReadAsync(db => db.Set<Notification>().Where(n => n.MeetingId == meeting)
        .OrderBy(n => n.EventPosition).ThenBy(n => n.UserId).Select(n => $"{n.UserId} {n.Kind} @{n.EventPosition}").ToListAsync());

    private Task<List<string>> MailedAsync(Guid meeting) => ReadAsync(db => db.Set<OutboxMessage>().Where(m => m.MeetingId == meeting)
        .OrderBy(m => m.Id).Select(m => $"{m.RecipientId} {m.Method} {m.Purpose} @{m.EventPosition}").ToListAsync());

    [Fact]
    public async Task SkippingAnUnknownEventMidStream_AppliesTheMeetingsLaterEventsOnce_AndRebuildsAgree()
    {
        var (x, y) = (Guid.NewGuid(), Guid.NewGuid());
        var start = DateTimeOffset.UtcNow.AddDays(3);
        await App.RunAsync("alice", new ScheduleMeeting(x, "Meeting X", null, start, TimeSpan.FromHours(1), [Bob]));
        await App.RunAsync("alice", new ScheduleMeeting(y, "Meeting Y", null, start.AddHours(2), TimeSpan.FromHours(1), [Bob]));
        // Version 1.5, since rolled back: a reminder (a type 1.4 never heard of), then bob's answer and alice's edit.
        await Versions.InsertAsync(x, 2, "meeting_reminder_set", 1, $$"""{"meetingId":"{{x}}","minutesBefore":15}""", Alice);
        var bad = await App.Get<IEventStore>().ReadHeadAsync();
        var store = App.Get<IEventStore>();
        var accepted = (await store.AppendAsync(x, MeetingCommandHandler.StreamType, 2, [new InvitationAccepted(x, Bob, null, DateTimeOffset.UtcNow)],
            EventMetadata.ForCommand(Bob, Guid.NewGuid()))).LastPosition;
        var edited = (await store.AppendAsync(x, MeetingCommandHandler.StreamType, 3, [new MeetingDetailsEdited(x, "Meeting X, room 4", "Meeting X", null, null, null, null, Alice, DateTimeOffset.UtcNow)],
            EventMetadata.ForCommand(Alice, Guid.NewGuid()))).LastPosition;
        await Host.WaitForAsync(edited, TimeSpan.FromSeconds(20));
        var answer = await App.RunAsync("bob", new AcceptInvitation(y));
        await Host.WaitForAsync(answer.Appended!.LastPosition, TimeSpan.FromSeconds(20));

        var parked = await App.Get<ParkedStreams<AppDbContext>>().ListAsync();
        Assert.Equal(Host.Status.Select(s => s.Name).Order(), parked.Select(p => p.Subscriber).Order());
        Assert.All(parked, p => Assert.Equal((x, bad, "meeting_reminder_set", 2, 2), (p.StreamId, p.Position, p.EventType, p.Version, p.Waiting)));
        // This version cannot decide on a meeting it cannot read: a clear refusal, nothing recorded.
        var refused = await App.Get<MeetingCommandHandler>().HandleAsync(new EditMeetingDetails(x, "Meeting X, room 5", null, null),
            new CommandContext(Alice, Guid.NewGuid()));
        Assert.Equal(MeetingErrorCode.Unreadable, refused.Error?.Code);
        Assert.Equal(answer.Appended.LastPosition, await store.ReadHeadAsync());
        var before = await ReadAsync(db => db.Set<MeetingSummary>().SingleAsync(m => m.MeetingId == x));
        Assert.Equal(("Meeting X", 1, 0), (before.Title, before.Version, before.Accepted));
        // Its timeline opens, and stops where the history stops making sense to this version.
        var history = (await App.Get<MeetingHistory>().GetAsync(x, Bob))!;
        Assert.Equal((1, bad, 2, "meeting_reminder_set"), (history.Latest, history.StoppedAt?.Position, history.StoppedAt?.Version, history.StoppedAt?.EventType));

        await SkipForEveryoneAsync(x, bad, "1.5 was rolled back; reminders can wait for it");

        Assert.Empty(await App.Get<ParkedStreams<AppDbContext>>().ListAsync());
        var summary = await ReadAsync(db => db.Set<MeetingSummary>().SingleAsync(m => m.MeetingId == x));
        Assert.Equal(("Meeting X, room 4", 4, 1, 0, edited), (summary.Title, summary.Version, summary.Accepted, summary.Pending, summary.LastPosition));
        Assert.Equal(InvitationResponse.Accepted, (await ReadAsync(db => db.Set<BusyInterval>().SingleAsync(b => b.MeetingId == x && b.UserId == Bob))).Response);
        Assert.Equal([1, 2, 3, 4], await ReadAsync(db => db.Set<MeetingVersionParticipant>().Where(r => r.MeetingId == x && r.UserId == Alice)
            .OrderBy(r => r.Version).Select(r => r.Version).ToListAsync()));
        // Told once of what followed the skipped event, and of nothing for the skipped event itself.
        string[] heard = [$"{Bob} {NotificationKind.Invited} @{bad - 2}", $"{Alice} {NotificationKind.Accepted} @{accepted}", $"{Bob} {NotificationKind.DetailsChanged} @{edited}"];
        Assert.Equal(heard, await HeardAsync(x));
        var mailed = await MailedAsync(x);
        Assert.Single(mailed, m => m == $"{Alice} REPLY answer @{accepted}");
        Assert.Equal(2, mailed.Count(m => m.EndsWith($"REQUEST update @{edited}", StringComparison.Ordinal)));
        Assert.DoesNotContain(mailed, m => m.EndsWith($"@{bad}", StringComparison.Ordinal));

        // A second click changes nothing; rebuilds read the decisions first and come to the very same tables.
        await SkipForEveryoneAsync(x, bad, "clicked twice");
        var live = await TablesAsync();
        foreach (var projection in new[] { MeetingProjection.SubscriberName, FreeBusyProjection.SubscriberName, MeetingVersionProjection.SubscriberName })
            await Host.RebuildAsync(projection);
        Assert.Equal(live, await TablesAsync());
        Assert.Empty(await App.Get<ParkedStreams<AppDbContext>>().ListAsync());
        Assert.Equal(heard, await HeardAsync(x));
        Assert.Equal(mailed, await MailedAsync(x));
    }

    /// <summary>
    /// A history this version reads only up to an unknown event cannot say who takes part now: the participants' read model
    /// (kept by an instance that reads the whole stream) does, as for the meeting page.
    /// </summary>
    [Fact]
    public async Task ATimelineThatStopsEarly_IsShownToWhomTheReadModelCountsAsParticipantsNow()
    {
        var x = Guid.NewGuid();
        await App.RunAsync("alice", new ScheduleMeeting(x, "Meeting X", null, DateTimeOffset.UtcNow.AddDays(3), TimeSpan.FromHours(1), [Bob]));
        await Versions.InsertAsync(x, 2, "meeting_reminder_set", 1, $$"""{"meetingId":"{{x}}","minutesBefore":15}""", Alice);
        await Host.WaitForAsync(await App.Get<IEventStore>().ReadHeadAsync(), TimeSpan.FromSeconds(20));
        Assert.NotNull(await App.Get<MeetingHistory>().GetAsync(x, Bob));

        // What a newer instance's projection does once it applies a removal of bob that follows the unknown event.
        await ReadAsync(db => db.Set<MeetingParticipant>().Where(p => p.MeetingId == x && p.UserId == Bob).ExecuteDeleteAsync());

        Assert.Null(await App.Get<MeetingHistory>().GetAsync(x, Bob));
        Assert.NotNull(await App.Get<MeetingHistory>().GetAsync(x, Alice));
    }

    /// <summary>
    /// Two instances on one database: alice's page is connected to the second, the skip is recorded on the first. Whichever
    /// instance applies it, the page on the second hears of the meeting's released events (they lie behind its position).
    /// </summary>
    [Fact]
    public async Task EventsASkipReleases_ReachAPageOpenOnTheOtherInstance()
    {
        await using var other = Versions.StartAnother();
        var x = Guid.NewGuid();
        await App.RunAsync("alice", new ScheduleMeeting(x, "Meeting X", null, DateTimeOffset.UtcNow.AddDays(3), TimeSpan.FromHours(1), [Bob]));
        await Versions.InsertAsync(x, 2, "meeting_reminder_set", 1, $$"""{"meetingId":"{{x}}","minutesBefore":15}""", Alice);
        var bad = await App.Get<IEventStore>().ReadHeadAsync();
        var accepted = (await App.Get<IEventStore>().AppendAsync(x, MeetingCommandHandler.StreamType, 2, [new InvitationAccepted(x, Bob, null, DateTimeOffset.UtcNow)],
            EventMetadata.ForCommand(Bob, Guid.NewGuid()))).LastPosition;
        var otherHost = other.Get<SubscriptionHost<AppDbContext>>();
        foreach (var host in new[] { Host, otherHost }) await host.WaitForAsync(accepted, TimeSpan.FromSeconds(20));

        var (_, cookies) = await other.SignedInClientAsync("alice");
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(other.BaseAddress, MeetingsHub.Route), o => { o.Cookies = cookies; o.Transports = HttpTransportType.WebSockets; }).Build();
        var heard = new TaskCompletionSource<MeetingChange>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<MeetingChange>(nameof(IMeetingsClient.MeetingChanged), c => { if (c.MeetingId == x && c.Version == 3) heard.TrySetResult(c); });
        // Bob's released answer is news for alice: her bell hears of it too.
        var bell = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<long>(nameof(IMeetingsClient.NotificationsChanged), p => { if (p >= accepted) bell.TrySetResult(p); });
        await hub.StartAsync();

        await SkipForEveryoneAsync(x, bad, "1.5 was rolled back");

        var change = await heard.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal((3, accepted), (change.Version, change.Position));
        await bell.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(1, (await ReadAsync(db => db.Set<MeetingSummary>().SingleAsync(m => m.MeetingId == x))).Accepted);
    }
}

public sealed class SkippedMeetingEventPostgresTests : SkippedMeetingEventTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
