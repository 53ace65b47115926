using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using MeetingsApp.Live;

namespace MeetingsApp.Verbs;

/// <summary>
/// The far side of <c>bench --connections N</c>, in a process of its own so that the server's memory per connection is
/// the server's alone: N WebSocket connections to <see cref="MeetingsHub"/>, spread over demo users who each signed in
/// once through the real form. It talks to <see cref="BenchConnections"/> over its standard streams: it prints
/// <c>ready N</c>, then <c>heard P T</c> once every connection has heard of log position P (T: the last receipt, in
/// <see cref="Stopwatch"/> ticks, which on Linux count the machine's monotonic clock, shared by both processes); on
/// <c>done</c> it prints <c>count P C</c> for every position heard and <c>closed C</c>, and exits.
/// <para>
/// Each connection speaks SignalR's JSON hub protocol itself (<see cref="Listener"/>) instead of being a
/// <c>HubConnection</c>: on a machine whose cores the listeners share with the server, 5,000 full clients took as much
/// processor time per change as the server (110-156 ms each), and a browser's client runs on its own machine. The
/// server cannot tell the two apart: the same URL, cookie, handshake, pings and messages.
/// </para>
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

        var hub = new UriBuilder(new Uri(address, MeetingsHub.Route)) { Scheme = address.Scheme == "https" ? "wss" : "ws" }.Uri;
        var listeners = new Listener[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
            listeners[i] = await Listener.ConnectAsync(hub, cookies[i % cookies.Count], Heard, () => Interlocked.Increment(ref closed), ct));
        Console.WriteLine($"ready {count}");

        // The server closes a connection it has not heard from for 30 seconds (its ClientTimeoutInterval): ping every 15, as clients do.
        using var pings = new PeriodicTimer(TimeSpan.FromSeconds(15));
        var pinging = Task.Run(async () =>
        {
            while (await pings.WaitForNextTickAsync())
                foreach (var listener in listeners) await listener.PingAsync();
        });
        while (await Console.In.ReadLineAsync() is { } line && line != "done")
        {
        }
        pings.Dispose();
        await pinging;
        foreach (var (position, receipts) in heard.OrderBy(h => h.Key))
            lock (receipts) Console.WriteLine($"count {position} {receipts.Count}");
        Console.WriteLine($"closed {Volatile.Read(ref closed)}");
        await Parallel.ForEachAsync(listeners, async (listener, _) => await listener.CloseAsync());
        return 0;
    }

    /// <summary>
    /// One connection, as <c>@microsoft/signalr</c> holds it after negotiating WebSockets: the handshake, then records of
    /// JSON, each ended by the record separator 0x1E. It reports the position of every <see cref="LiveMethods.MeetingChanged"/>
    /// it receives, and its own end when the server closes it or the socket fails.
    /// </summary>
    private sealed class Listener(ClientWebSocket socket, Action<long> heard, Action closed)
    {
        private const byte RecordSeparator = 0x1E;
        private static readonly byte[] Handshake = """{"protocol":"json","version":1}"""u8.ToArray().Append(RecordSeparator).ToArray();
        private static readonly byte[] Ping = """{"type":6}"""u8.ToArray().Append(RecordSeparator).ToArray();
        private readonly TaskCompletionSource _handshake = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private Task _listening = Task.CompletedTask;

        public static async Task<Listener> ConnectAsync(Uri hub, CookieContainer cookies, Action<long> heard, Action closed, CancellationToken ct)
        {
            var socket = new ClientWebSocket();
            socket.Options.Cookies = cookies;
            socket.Options.KeepAliveInterval = TimeSpan.Zero; // the hub protocol's pings keep it alive
            await socket.ConnectAsync(hub, ct);
            var listener = new Listener(socket, heard, closed);
            await socket.SendAsync(Handshake, WebSocketMessageType.Text, endOfMessage: true, ct);
            listener._listening = listener.ListenAsync();
            await listener._handshake.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
            return listener;
        }

        public async Task PingAsync()
        {
            try
            {
                await socket.SendAsync(Ping, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
            }
            catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException)
            {
                // closed: its receive loop has counted it
            }
        }

        public async Task CloseAsync()
        {
            socket.Abort();
            await _listening;
            socket.Dispose();
        }

        private async Task ListenAsync()
        {
            var (buffer, filled) = (new byte[1024], 0);
            try
            {
                while (true)
                {
                    if (filled == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
                    var received = await socket.ReceiveAsync(buffer.AsMemory(filled), CancellationToken.None);
                    if (received.MessageType == WebSocketMessageType.Close) break;
                    filled += received.Count;
                    var start = 0;
                    for (int end; (end = Array.IndexOf(buffer, RecordSeparator, start, filled - start)) >= 0; start = end + 1)
                        if (!Read(buffer.AsSpan(start, end - start))) return;
                    buffer.AsSpan(start, filled - start).CopyTo(buffer);
                    filled -= start;
                }
            }
            catch (WebSocketException)
            {
                // the socket failed or was aborted: counted as closed below
            }
            catch (OperationCanceledException)
            {
            }
            finally
            {
                closed();
                _handshake.TrySetException(new InvalidOperationException("The hub closed the connection before its handshake."));
            }
        }

        /// <summary>One record; false when the server ended the connection.</summary>
        private bool Read(ReadOnlySpan<byte> record)
        {
            var reader = new Utf8JsonReader(record);
            using var message = JsonDocument.ParseValue(ref reader);
            var root = message.RootElement;
            if (!_handshake.Task.IsCompleted)
            {
                if (!root.TryGetProperty("error", out var error)) return _handshake.TrySetResult();
                _handshake.TrySetException(new InvalidOperationException($"The hub refused the handshake: {error}"));
                return false;
            }
            switch (root.GetProperty("type").GetInt32())
            {
                case 1 when root.GetProperty("target").ValueEquals(LiveMethods.MeetingChanged):
                    heard(root.GetProperty("arguments")[0].GetProperty("position").GetInt64());
                    return true;
                case 7:
                    return false; // close, with the server's reason if any
                default:
                    return true; // pings, and other messages such as NotificationsChanged
            }
        }
    }
}
