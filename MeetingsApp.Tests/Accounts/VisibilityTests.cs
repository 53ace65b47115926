using System.Net;
using MeetingsApp.Demo;
using MeetingsApp.Live;
using MeetingsApp.Meetings;
using MeetingsApp.Tests.EndToEnd;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace MeetingsApp.Tests.Accounts;

/// <summary>Who may see what, over real HTTP and a real SignalR connection to the app on Kestrel.</summary>
public sealed class VisibilityTests(AppServer app) : IClassFixture<AppServer>
{
    private static readonly Guid Planning = DemoData.Id("meeting:planning");

    [Theory]
    [InlineData("/meetings")]
    [InlineData("/invitations")]
    [InlineData("/meetings/new")]
    public async Task SignedOutVisitors_AreSentToSignIn_WithTheWayBack(string path)
    {
        using var client = app.CreateBrowserlessClient();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/Account/Login?ReturnUrl={Uri.EscapeDataString(path)}", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task AParticipant_SeesTheMeetingAndItsTimeline()
    {
        var (bob, _) = await app.SignedInClientAsync("bob");

        Assert.Contains("Sprint planning", await bob.GetStringAsync($"/meetings/{Planning}"));
        Assert.Contains("Sprint planning", await bob.GetStringAsync($"/meetings/{Planning}/timeline"));
    }

    [Theory]
    [InlineData("/meetings/{0}")]
    [InlineData("/meetings/{0}/timeline")]
    public async Task SomeoneNotInvited_GetsNotFound(string path)
    {
        var (erin, _) = await app.SignedInClientAsync("erin");

        var response = await erin.GetAsync(string.Format(path, Planning));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("Sprint planning", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AddToCalendar_GivesParticipantsAnICalendarFile_AndOthersNotFound()
    {
        var (bob, _) = await app.SignedInClientAsync("bob");
        var (erin, _) = await app.SignedInClientAsync("erin");

        var response = await bob.GetAsync($"/meetings/{Planning}/calendar.ics");
        var ics = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("BEGIN:VEVENT", ics);
        Assert.Contains("SUMMARY:Sprint planning", ics);
        Assert.Contains($"UID:{Planning}@meetingsapp", ics);
        Assert.Contains("bob@example.com", ics);
        Assert.Equal(HttpStatusCode.NotFound, (await erin.GetAsync($"/meetings/{Planning}/calendar.ics")).StatusCode);
    }

    [Fact]
    public async Task AnUnknownMeeting_IsNotFoundEither()
    {
        var (bob, _) = await app.SignedInClientAsync("bob");
        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync($"/meetings/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task TheAdminPages_AreNotFoundForNonAdmins()
    {
        var (bob, _) = await app.SignedInClientAsync("bob");
        var (alice, _) = await app.SignedInClientAsync("alice");

        foreach (var path in new[] { "/admin/projections", "/admin/outbox", "/events", "/events/1" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync(path)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync(path)).StatusCode);
        }
    }

    [Fact]
    public async Task AnAnonymousHubConnection_IsRefused()
    {
        await using var hub = new HubConnectionBuilder().WithUrl(new Uri(app.BaseAddress, MeetingsHub.Route)).Build();

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => hub.StartAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task TheHub_TellsParticipantsOfAChange_AndNobodyElse()
    {
        await using var bob = await ConnectAsync("bob");
        await using var erin = await ConnectAsync("erin");
        var bobHeard = new TaskCompletionSource<MeetingChange>(TaskCreationOptions.RunContinuationsAsynchronously);
        var erinHeard = new List<MeetingChange>();
        bob.On<MeetingChange>(nameof(IMeetingsClient.MeetingChanged), c => { if (c.MeetingId == Planning) bobHeard.TrySetResult(c); });
        erin.On<MeetingChange>(nameof(IMeetingsClient.MeetingChanged), erinHeard.Add);

        var result = await app.Get<MeetingCommandHandler>().HandleAsync(new DeclineInvitation(Planning),
            new CommandContext(DemoData.Id("user:dave"), Guid.NewGuid()));

        var change = await bobHeard.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal((result.Appended!.LastVersion, result.Appended.LastPosition), (change.Version, change.Position));
        await Task.Delay(500);
        Assert.DoesNotContain(erinHeard, c => c.MeetingId == Planning);
    }

    [Fact]
    public async Task TheHub_TellsSomeoneInvited_OfTheMeetingTheyAreNowIn()
    {
        var roadmap = DemoData.Id("meeting:roadmap");
        await using var carol = await ConnectAsync("carol");
        var heard = new TaskCompletionSource<MeetingChange>(TaskCreationOptions.RunContinuationsAsynchronously);
        carol.On<MeetingChange>(nameof(IMeetingsClient.MeetingChanged), c => { if (c.MeetingId == roadmap) heard.TrySetResult(c); });

        var result = await app.Get<MeetingCommandHandler>().HandleAsync(new InvitePeople(roadmap, [DemoData.Id("user:carol")]),
            new CommandContext(DemoData.Id("user:erin"), Guid.NewGuid()));

        var change = await heard.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal((result.Appended!.LastVersion, result.Appended.LastPosition), (change.Version, change.Position));
    }

    private async Task<HubConnection> ConnectAsync(string login)
    {
        var (_, cookies) = await app.SignedInClientAsync(login);
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(app.BaseAddress, MeetingsHub.Route), o => { o.Cookies = cookies; o.Transports = HttpTransportType.WebSockets; })
            .Build();
        await hub.StartAsync();
        return hub;
    }
}
