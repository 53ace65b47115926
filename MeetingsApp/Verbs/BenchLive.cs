using System.Diagnostics;
using MeetingsApp.Data;
using MeetingsApp.Demo;
using MeetingsApp.EventStore;
using MeetingsApp.EventStore.Subscriptions;
using MeetingsApp.Live;
using MeetingsApp.Meetings;
using MeetingsApp.Timeline;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace MeetingsApp.Verbs;

/// <summary>The bench figures of the read side: projection rebuild rate, timeline, and the live rows (command to hub, fan-out, browser).</summary>
internal static class BenchLive
{
    /// <summary>Writes a log of <paramref name="events"/> meeting events, then times a full rebuild of the meeting read model.</summary>
    public static async Task<double> RebuildRateAsync(BenchDatabase database, int events)
    {
        await using var services = await database.ServicesAsync("rebuild");
        var (meetings, _) = await WriteMeetingsAsync(services, events / 5);
        if (database.Settle is { } settle)
            await using (var db = await services.Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync()) await db.Database.ExecuteSqlRawAsync(settle);
        var watch = Stopwatch.StartNew();
        await services.Get<SubscriptionHost<AppDbContext>>().RebuildAsync(MeetingProjection.SubscriberName);
        return meetings * 5 / watch.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// One slider step on a 1,000-event meeting: the history is folded once when the page opens (reported too);
    /// a step then looks up the state at the chosen version. Returns (open ms, step microseconds).
    /// </summary>
    public static async Task<(double OpenMs, double StepMicroseconds)> TimelineAsync(StandaloneServices services, Guid meetingId, Guid participant)
    {
        var history = services.Get<MeetingHistory>();
        var timeline = (await history.GetAsync(meetingId, participant))!;
        var watch = Stopwatch.StartNew();
        timeline = (await history.GetAsync(meetingId, participant))!;
        var open = watch.Elapsed.TotalMilliseconds;
        const int steps = 100_000;
        var random = new Random(42);
        var statuses = 0;
        watch.Restart();
        for (var i = 0; i < steps; i++) statuses += (int)timeline.At(random.Next(1, timeline.Latest + 1)).After.Status;
        var elapsed = watch.Elapsed;
        GC.KeepAlive(statuses);
        return (open, elapsed.TotalMicroseconds / steps);
    }

    /// <summary>Meetings of five events each (scheduled, three answers, moved), all organised by one user.</summary>
    internal static async Task<(int Meetings, Guid Organiser)> WriteMeetingsAsync(StandaloneServices services, int meetings)
    {
        var store = services.Get<IEventStore>();
        var organiser = await services.Provider.CreateUserAsync("Organiser", "organiser@bench.example");
        var guests = new Guid[3];
        for (var i = 0; i < guests.Length; i++) guests[i] = await services.Provider.CreateUserAsync($"Guest {i}", $"guest{i}@bench.example");
        var now = DateTimeOffset.UtcNow;
        await Parallel.ForAsync(0, meetings, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, ct) =>
        {
            var id = Guid.NewGuid();
            var start = now.AddDays(1 + i % 300);
            await store.AppendAsync(id, MeetingCommandHandler.StreamType, 0,
            [
                new MeetingScheduled(id, $"Meeting {i}", "Bench", "", start, TimeSpan.FromMinutes(30), organiser, guests, now),
                new InvitationAccepted(id, guests[0], null, now), new InvitationDeclined(id, guests[1], null, now), new InvitationAccepted(id, guests[2], null, now),
                new MeetingRescheduled(id, start, start.AddHours(1), null, null, AnswersReset: true, organiser, now),
            ], EventMetadata.ForCommand(organiser, Guid.NewGuid()), ct);
        });
        return (meetings, organiser);
    }

    /// <summary>
    /// The live rows: command to hub message for one client; with <c>--connections N</c> the fan-out to N connections
    /// (<see cref="BenchConnections"/>); with <c>--browser</c> tab to tab in Chromium and memory per tab (<see cref="BenchBrowser"/>).
    /// </summary>
    public static async Task AddRowsAsync(List<(string Name, string Value)> rows, BenchDatabase database, string[] args)
    {
        var (p50, p99, warmUp) = await LiveLatencyAsync(database, samples: 200, args);
        rows.Add(("command -> hub message at a SignalR client, p50 ms", $"{p50:F1}"));
        rows.Add(("command -> hub message at a SignalR client, p99 ms", $"{p99:F1}"));
        rows.Add(("  warm-up", warmUp));
        if (BenchVerb.IntOption(args, "--connections", 0) is > 0 and var connections)
        {
            var f = await BenchConnections.FanOutAsync(database, connections, samples: BenchVerb.IntOption(args, "--samples", 100), args);
            rows.Add(($"command -> last of {f.Connections:N0} hub connections, p50 ms", $"{f.P50:F1}"));
            rows.Add(($"command -> last of {f.Connections:N0} hub connections, p99 ms", $"{f.P99:F1}"));
            rows.Add(($"command -> last of {f.Connections:N0} hub connections, max ms", $"{f.Max:F1}"));
            rows.Add(("  messages missed / connections closed", $"{f.Missed:N0} / {f.Closed:N0}"));
            rows.Add(("  warm-up", f.WarmUp));
            rows.Add(("  processor time per change: server / listeners ms", $"{f.ServerCpuMs:F1} / {f.ListenersCpuMs:F1}"));
            rows.Add(("  server memory per connection: resident KiB", $"{f.WorkingSetKiB:F1}"));
            rows.Add(("  server memory per connection: managed heap after full GC KiB (pinned part)", $"{f.HeapKiB:F1} ({f.PinnedKiB:F1})"));
        }
        if (args.Contains("--browser")) await BenchBrowser.AddRowsAsync(rows, database,
            changes: BenchVerb.IntOption(args, "--changes", 100), tabs: BenchVerb.IntOption(args, "--tabs", 80), args);
    }

    /// <summary>
    /// The whole app on Kestrel at 127.0.0.1; Alice is signed in and listening on the hub with the .NET SignalR client.
    /// Dave answers her meeting over and over; each sample is the time from issuing his command to Alice hearing of it.
    /// </summary>
    public static async Task<(double P50, double P99, string WarmUp)> LiveLatencyAsync(BenchDatabase database, int samples, string[] args)
    {
        await using var app = await BenchApp.StartAsync(database, "live");
        var cookies = await app.SignInAsync("alice");
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Address, MeetingsHub.Route), o => { o.Cookies = cookies; o.Transports = HttpTransportType.WebSockets; })
            .Build();
        TaskCompletionSource<MeetingChange>? heard = null;
        hub.On<MeetingChange>(nameof(IMeetingsClient.MeetingChanged), change => heard?.TrySetResult(change));
        await hub.StartAsync();

        var handler = app.Get<MeetingCommandHandler>();
        var (planning, dave) = (DemoData.Id("meeting:planning"), DemoData.Id("user:dave"));
        var accept = false;
        async Task<double> ChangeAsync()
        {
            heard = new TaskCompletionSource<MeetingChange>(TaskCreationOptions.RunContinuationsAsynchronously);
            var watch = Stopwatch.StartNew();
            var result = (accept = !accept)
                ? await handler.HandleAsync(new AcceptInvitation(planning), new CommandContext(dave, Guid.NewGuid()))
                : await handler.HandleAsync(new DeclineInvitation(planning), new CommandContext(dave, Guid.NewGuid()));
            if (!result.Succeeded) throw new InvalidOperationException(result.Error!.Message);
            while ((await heard.Task.WaitAsync(TimeSpan.FromSeconds(10))).Position < result.Appended!.LastPosition)
                heard = new TaskCompletionSource<MeetingChange>(TaskCreationOptions.RunContinuationsAsynchronously);
            return watch.Elapsed.TotalMilliseconds;
        }
        var warmUp = await BenchWarmUp.RunAsync(args, ChangeAsync);
        var timings = new List<double>();
        for (var i = 0; i < samples; i++) timings.Add(await ChangeAsync());
        timings.Sort();
        return (timings[timings.Count / 2], timings[(int)Math.Ceiling(timings.Count * 0.99) - 1], warmUp);
    }
}
