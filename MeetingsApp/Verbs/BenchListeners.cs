using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using MeetingsApp.Live;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace MeetingsApp.Verbs;

/// <summary>
/// The far side of <c>bench --connections N</c>, in a process of its own so that the server's memory per connection is
/// the server's alone: N .NET SignalR clients on <see cref="MeetingsHub"/>, spread over demo users who each signed in
/// once through the real form. It talks to <see cref="BenchConnections"/> over its standard streams: it prints
/// <c>ready N</c>, then <c>heard P T</c> once every connection has heard of log position P (T: the last receipt, in
/// <see cref="Stopwatch"/> ticks, which on Linux count the machine's monotonic clock, shared by both processes); on
/// <c>done</c> it prints <c>count P C</c> for every position heard and <c>closed C</c>, and exits.
/// </summary>
internal static class BenchListeners
{
    public const string Verb = "bench-listeners";

    private sealed class Receipts
    {
        public int Count;
        public long Last;
    }

    /// <summary>Arguments: the app's address, the number of connections, then the demo logins to spread them over.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var (address, count, logins) = (new Uri(args[0]), int.Parse(args[1]), args[2..]);
        var cookies = new List<CookieContainer>();
        foreach (var login in logins) cookies.Add(await HttpSignIn.SignInDemoUserAsync(address, login));

        var heard = new ConcurrentDictionary<long, Receipts>();
        var closed = 0;
        void Heard(long position)
        {
            var now = Stopwatch.GetTimestamp();
            var receipts = heard.GetOrAdd(position, _ => new Receipts());
            lock (receipts)
            {
                receipts.Last = Math.Max(receipts.Last, now);
                if (++receipts.Count == count) Console.WriteLine($"heard {position} {receipts.Last}");
            }
        }

        var connections = new HubConnection[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            var hub = new HubConnectionBuilder()
                .WithUrl(new Uri(address, MeetingsHub.Route), o =>
                {
                    o.Cookies = cookies[i % cookies.Count];
                    o.Transports = HttpTransportType.WebSockets;
                    o.SkipNegotiation = true; // straight to the WebSocket, as a browser whose negotiation picked it
                })
                .Build();
            hub.On<MeetingChange>(LiveMethods.MeetingChanged, change => Heard(change.Position));
            hub.On<long>(LiveMethods.NotificationsChanged, _ => { });
            hub.Closed += _ =>
            {
                Interlocked.Increment(ref closed);
                return Task.CompletedTask;
            };
            await hub.StartAsync(ct);
            connections[i] = hub;
        });
        Console.WriteLine($"ready {count}");

        while (await Console.In.ReadLineAsync() is { } line && line != "done")
        {
        }
        foreach (var (position, receipts) in heard.OrderBy(h => h.Key))
            lock (receipts) Console.WriteLine($"count {position} {receipts.Count}");
        Console.WriteLine($"closed {Volatile.Read(ref closed)}");
        await Parallel.ForEachAsync(connections, async (hub, _) => await hub.DisposeAsync());
        return 0;
    }
}
