using System.Net;
using MeetingsApp.Data;
using MeetingsApp.Demo;
using MeetingsApp.EventStore.Subscriptions;
using MeetingsApp.Live;
using MeetingsApp.Meetings;
using MeetingsApp.Notifications;
using MeetingsApp.Tests.EndToEnd;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace MeetingsApp.Tests.Accounts;

/// <summary>Access follows current membership: a removed invitee is, from then on, like someone never invited.</summary>
public sealed class RemovedInviteeTests(AppServer app) : IClassFixture<AppServer>
{
    private static readonly Guid Alice = DemoData.Id("user:alice"), Bob = DemoData.Id("user:bob"), Carol = DemoData.Id("user:carol");

    private async Task<CommandResult> AsAliceAsync<T>(T command) where T : IMeetingCommand<T>
    {
        var result = await app.Get<MeetingCommandHandler>().HandleAsync(command, new CommandContext(Alice, Guid.NewGuid()));
        Assert.True(result.Succeeded, result.Error?.Message);
        // Both the read model and the inbox have what the command did before the test looks.
        var subscriptions = app.Get<SubscriptionHost<AppDbContext>>();
        await subscriptions.WaitForAsync(result.Appended!.LastPosition, TimeSpan.FromSeconds(20), subscriber: MeetingProjection.SubscriberName);
        await subscriptions.WaitForAsync(result.Appended.LastPosition, TimeSpan.FromSeconds(20), subscriber: NotificationReactor.SubscriberName);
        return result;
    }

    [Fact]
    public async Task ARemovedInvitee_GetsNotFoundEverywhere_HearsTheRemovalLast_AndKeepsTheirNotifications()
    {
        var meetingId = Guid.NewGuid();
        await AsAliceAsync(new ScheduleMeeting(meetingId, "Hiring panel", null, DateTimeOffset.UtcNow.AddDays(3), TimeSpan.FromHours(1), [Bob, Carol]));
        var (bob, bobCookies) = await app.SignedInClientAsync("bob");
        var (carol, _) = await app.SignedInClientAsync("carol");
        string[] paths = [$"/meetings/{meetingId}", $"/meetings/{meetingId}/timeline", $"/meetings/{meetingId}/calendar.ics"];
        foreach (var path in paths) Assert.Equal(HttpStatusCode.OK, (await bob.GetAsync(path)).StatusCode);
        Assert.Contains("Hiring panel", await bob.GetStringAsync("/meetings"));

        await using var hub = await ConnectAsync(bobCookies);
        var heard = new List<MeetingChange>();
        var removalHeard = new TaskCompletionSource<MeetingChange>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<MeetingChange>(nameof(IMeetingsClient.MeetingChanged), c =>
        {
            if (c.MeetingId != meetingId) return;
            lock (heard) heard.Add(c);
            if (c.Version == 2) removalHeard.TrySetResult(c);
        });

        var removal = await AsAliceAsync(new RemovePeople(meetingId, [Bob]));
        await removalHeard.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await AsAliceAsync(new EditMeetingDetails(meetingId, "Hiring panel (final)", null, "Room 7"));
        await Task.Delay(500);

        lock (heard) Assert.Equal([removal.Appended!.LastVersion], heard.Select(c => c.Version));
        foreach (var path in paths)
        {
            var response = await bob.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain("Hiring panel", await response.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.OK, (await carol.GetAsync(path)).StatusCode);
        }
        Assert.DoesNotContain("Hiring panel", await bob.GetStringAsync("/meetings"));
        Assert.DoesNotContain("Hiring panel", await bob.GetStringAsync("/invitations"));
        var told = (await app.Get<NotificationInbox>().LatestAsync(Bob)).Where(n => n.MeetingId == meetingId).Select(n => n.Kind).ToList();
        Assert.Equal([NotificationKind.Removed, NotificationKind.Invited], told);
    }

    private async Task<HubConnection> ConnectAsync(System.Net.CookieContainer cookies)
    {
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(app.BaseAddress, MeetingsHub.Route), o => { o.Cookies = cookies; o.Transports = HttpTransportType.WebSockets; })
            .Build();
        await hub.StartAsync();
        return hub;
    }
}
