using System.Text.Json;
using MeetingsApp.Data;
using MeetingsApp.Demo;
using MeetingsApp.Email;
using MeetingsApp.EventStore.Subscriptions;
using MeetingsApp.Live;
using MeetingsApp.Meetings;
using MeetingsApp.Notifications;
using MeetingsApp.Tests.EndToEnd;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingsApp.Tests.Admin;

/// <summary>
/// The real app on Kestrel: a row in a shape no upcaster of this version reads parks meeting X for every subscriber, while
/// meeting Y's changes are projected and pushed live to a real SignalR client. After an upgrade that brings the upcaster,
/// the operator's retry applies X's waiting events in order, and the inbox and the outbox get them exactly once.
/// </summary>
public class ParkedMeetingTests : UpgradeTest
{
    /// <summary>Every subscriber of the app (projections other features add park the same way, with no code of their own).</summary>
    private string[] Subscribers => Host.Status.Select(s => s.Name).ToArray();

    private async Task<Guid> ScheduleAsync(string title)
    {
        var id = Guid.NewGuid();
        await App.RunAsync("alice", new ScheduleMeeting(id, title, null, DateTimeOffset.UtcNow.AddDays(2), TimeSpan.FromHours(1), [Bob]));
        return id;
    }

    private Task<MeetingSummary> SummaryAsync(Guid meeting) => ReadAsync(db => db.Set<MeetingSummary>().SingleAsync(m => m.MeetingId == meeting));

    private Task<List<string>> SummariesAsync() => ReadAsync(db => db.Set<MeetingSummary>().OrderBy(m => m.MeetingId)
        .Select(m => $"{m.MeetingId} {m.Title} v{m.Version} {m.Accepted}/{m.Declined}/{m.Pending}/{m.Tentative} {m.Status}").ToListAsync());

    private Task<List<NotificationKind>> AliceHeardAsync(Guid meeting) =>
        ReadAsync(db => db.Set<Notification>().Where(n => n.MeetingId == meeting && n.UserId == Alice).OrderBy(n => n.EventPosition).Select(n => n.Kind).ToListAsync());

    private async Task RetryForEveryoneAsync(Guid stream, long position, string reason)
    {
        var last = 0L;
        foreach (var subscriber in Subscribers)
            last = (await App.Get<ParkingDecisions>().RecordAsync(new ParkedStreamRetried(subscriber, stream, position, reason),
                EventMetadata.ForCommand(Alice, Guid.NewGuid()))).LastPosition;
        await Host.WaitForAsync(last, TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task AParkedMeeting_DoesNotStopTheOthers_AndAfterTheFixRetryBringsItsEventsToEveryoneOnce()
    {
        var (x, y) = (await ScheduleAsync("Meeting X"), await ScheduleAsync("Meeting Y"));
        var now = DateTimeOffset.UtcNow;
        await Versions.InsertPreReleaseAcceptAsync(x, 2, Bob);
        var bad = await App.Get<IEventStore>().ReadHeadAsync();
        var (name, schemaVersion, declined) = App.Get<EventTypeRegistry>().Serialize(new InvitationDeclined(x, Bob, "clash after all", now));
        await Versions.InsertAsync(x, 3, name, schemaVersion, declined, Bob);

        var (_, cookies) = await App.SignedInClientAsync("alice");
        await using (var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(App.BaseAddress, MeetingsHub.Route), o => { o.Cookies = cookies; o.Transports = HttpTransportType.WebSockets; }).Build())
        {
            var heard = new TaskCompletionSource<MeetingChange>(TaskCreationOptions.RunContinuationsAsynchronously);
            hub.On<MeetingChange>(nameof(IMeetingsClient.MeetingChanged), c => { if (c.MeetingId == y && c.Version == 2) heard.TrySetResult(c); });
            await hub.StartAsync();

            var answer = await App.RunAsync("bob", new AcceptInvitation(y));

            Assert.Equal(answer.Appended!.LastPosition, (await heard.Task.WaitAsync(TimeSpan.FromSeconds(10))).Position);
        }
        Assert.Equal(1, (await SummaryAsync(y)).Accepted);
        var parked = await App.Get<ParkedStreams<AppDbContext>>().ListAsync();
        Assert.Equal(Subscribers.Order(), parked.Select(p => p.Subscriber).Order());
        Assert.All(parked, p => Assert.Equal((x, bad, MeetingEventTypes.Accepted, 0, 1), (p.StreamId, p.Position, p.EventType, p.SchemaVersion, p.Waiting)));
        Assert.All(Host.Status, s => Assert.Equal(SubscriptionState.Running, s.State));
        using (var anyone = App.CreateBrowserlessClient()) Assert.Equal("Degraded", await anyone.GetStringAsync("/health"));
        Assert.Equal((0, 1), ((await SummaryAsync(x)).Accepted, (await SummaryAsync(x)).Pending));

        // Retried while this version still cannot read it: parked again where it was, and nothing is sent.
        await RetryForEveryoneAsync(x, bad, "try again");
        Assert.Equal(Subscribers.Length, (await App.Get<ParkedStreams<AppDbContext>>().ListAsync()).Count(p => p.Position == bad));
        Assert.Empty(await AliceHeardAsync(x));

        // The upgrade: the same database, a version that has the upcaster.
        await Versions.UpgradeAsync(services => services.AddEventTypes<PreReleaseAcceptUpcaster>());
        // A rebuild before anyone decided keeps X parked where it was, though this version could read it: rebuilt equals live.
        var live = await SummariesAsync();
        await Host.RebuildAsync(MeetingProjection.SubscriberName);
        Assert.Equal(live, await SummariesAsync());
        Assert.Contains(await App.Get<ParkedStreams<AppDbContext>>().ListAsync(), p => p.Subscriber == MeetingProjection.SubscriberName && p.Position == bad);
        await RetryForEveryoneAsync(x, bad, "upgraded: 1.4 reads pre-release answers");
        await RetryForEveryoneAsync(x, bad, "clicked twice");

        Assert.Empty(await App.Get<ParkedStreams<AppDbContext>>().ListAsync());
        using (var anyone = App.CreateBrowserlessClient()) Assert.Equal("Healthy", await anyone.GetStringAsync("/health"));
        // And after the decisions, a rebuild (which reads them first) comes to the very same tables.
        live = await SummariesAsync();
        await Host.RebuildAsync(MeetingProjection.SubscriberName);
        Assert.Equal(live, await SummariesAsync());
        Assert.Empty(await App.Get<ParkedStreams<AppDbContext>>().ListAsync());
        Assert.Equal((0, 1, 0), ((await SummaryAsync(x)).Accepted, (await SummaryAsync(x)).Declined, (await SummaryAsync(x)).Pending));
        Assert.Equal([NotificationKind.Accepted, NotificationKind.Declined], await AliceHeardAsync(x));
        Assert.Equal([bad, bad + 1], await ReadAsync(db => db.Set<OutboxMessage>()
            .Where(m => m.MeetingId == x && m.RecipientId == Alice && m.Method == "REPLY").OrderBy(m => m.Id).Select(m => m.EventPosition).ToListAsync()));
    }
}
public sealed class ParkedMeetingPostgresTests : ParkedMeetingTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
