using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
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
/// Each connection speaks WebSocket and SignalR's JSON hub protocol itself (<see cref="Listener"/>) instead of being a
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
    /// One connection, as <c>@microsoft/signalr</c> holds it after negotiating WebSockets: the upgrade with the session
    /// cookie, the hub's handshake, then records of JSON, each ended by the record separator 0x1E. It reports the position of
    /// every <see cref="LiveMethods.MeetingChanged"/> it receives, and its own end when the server closes it or the socket
    /// fails. The WebSocket framing (RFC 6455) is read here, over a plain socket: <c>ClientWebSocket</c>'s layers (a stream
    /// over the socket, a receive state machine per message) took more processor time per message than the server's send.
    /// </summary>
    private sealed class Listener(Socket socket, Action<long> heard, Action closed)
    {
        private const byte RecordSeparator = 0x1E;
        private const int Continuation = 0x0, Text = 0x1, Close = 0x8, PingFrame = 0x9, PongFrame = 0xA;
        private static readonly byte[] Handshake = """{"protocol":"json","version":1}"""u8.ToArray().Append(RecordSeparator).ToArray();
        private static readonly byte[] Ping = """{"type":6}"""u8.ToArray().Append(RecordSeparator).ToArray();
        private readonly TaskCompletionSource _handshake = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private Task _listening = Task.CompletedTask;
        private byte[] _received = new byte[1024], _text = new byte[1024]; // bytes not yet framed; text not yet ended by a separator
        private int _receivedLength, _textLength;

        public static async Task<Listener> ConnectAsync(Uri hub, CookieContainer cookies, Action<long> heard, Action closed, CancellationToken ct)
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(hub.Host, hub.Port, ct);
                var listener = new Listener(socket, heard, closed);
                await listener.UpgradeAsync(hub, cookies.GetCookieHeader(new UriBuilder(hub) { Scheme = "http" }.Uri), ct);
                await socket.SendAsync(Frame(Text, Handshake), ct);
                listener._listening = listener.ListenAsync();
                await listener._handshake.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
                return listener;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        public Task PingAsync() => SendAsync(Frame(Text, Ping));

        private async Task SendAsync(byte[] frame)
        {
            try
            {
                await socket.SendAsync(frame, SocketFlags.None);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // closed: its receive loop has counted it
            }
        }

        public async Task CloseAsync()
        {
            socket.Dispose();
            await _listening;
        }

        /// <summary>The HTTP/1.1 upgrade (RFC 6455 section 4), checked as a browser checks it.</summary>
        private async Task UpgradeAsync(Uri hub, string cookie, CancellationToken ct)
        {
            var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
            await socket.SendAsync(Encoding.ASCII.GetBytes($"GET {hub.PathAndQuery} HTTP/1.1\r\nHost: {hub.Authority}\r\n" +
                $"Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\nCookie: {cookie}\r\n\r\n"), ct);
            int end;
            while ((end = _received.AsSpan(0, _receivedLength).IndexOf("\r\n\r\n"u8)) < 0) await ReceiveAsync(ct);
            var head = Encoding.ASCII.GetString(_received, 0, end).Split("\r\n");
            var accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
            if (!head[0].StartsWith("HTTP/1.1 101", StringComparison.Ordinal)
                || !head.Contains($"Sec-WebSocket-Accept: {accept}", StringComparer.OrdinalIgnoreCase))
                throw new InvalidOperationException($"The hub refused the WebSocket: {head[0]}");
            Consume(end + 4);
        }

        private async Task ReceiveAsync(CancellationToken ct)
        {
            if (_receivedLength == _received.Length) Array.Resize(ref _received, _received.Length * 2);
            var count = await socket.ReceiveAsync(_received.AsMemory(_receivedLength), SocketFlags.None, ct);
            if (count == 0) throw new EndOfStreamException("The hub closed the socket.");
            _receivedLength += count;
        }

        private async Task ListenAsync()
        {
            try
            {
                while (ReadFrames()) await ReceiveAsync(CancellationToken.None);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or EndOfStreamException)
            {
                // the socket failed or was closed: counted as closed below
            }
            finally
            {
                closed();
                _handshake.TrySetException(new InvalidOperationException("The hub closed the connection before its handshake."));
            }
        }

        /// <summary>Every whole frame received so far; false once the connection is over.</summary>
        private bool ReadFrames()
        {
            var offset = 0;
            try
            {
                while (NextFrame(_received.AsSpan(offset, _receivedLength - offset), out var opcode, out var payload, out var length))
                {
                    offset += length;
                    if (opcode == Close || (opcode is Text or Continuation && !ReadText(payload))) return false;
                    // A ping is answered; the server's unsolicited pongs (its keep-alive) need nothing.
                    if (opcode == PingFrame) _ = SendAsync(Frame(PongFrame, payload));
                }
                return true;
            }
            finally
            {
                Consume(offset);
            }
        }

        /// <summary>One frame from the server, which are never masked; false until the whole frame is in.</summary>
        private static bool NextFrame(ReadOnlySpan<byte> data, out int opcode, out ReadOnlySpan<byte> payload, out int length)
        {
            (opcode, length) = (0, 0);
            payload = default;
            if (data.Length < 2) return false;
            opcode = data[0] & 0x0F;
            var (size, header) = (data[1] & 0x7F) switch
            {
                126 when data.Length >= 4 => (BinaryPrimitives.ReadUInt16BigEndian(data[2..]), 4),
                127 when data.Length >= 10 => ((long)BinaryPrimitives.ReadUInt64BigEndian(data[2..]), 10),
                126 or 127 => (long.MaxValue, 0),
                var small => (small, 2),
            };
            if (data.Length - header < size) return false;
            payload = data.Slice(header, (int)size);
            length = header + (int)size;
            return true;
        }

        /// <summary>A client's frame: masked, as RFC 6455 requires of clients; the payloads here are all short.</summary>
        private static byte[] Frame(int opcode, ReadOnlySpan<byte> payload)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThan(payload.Length, 125);
            var frame = new byte[6 + payload.Length];
            (frame[0], frame[1]) = ((byte)(0x80 | opcode), (byte)(0x80 | payload.Length));
            RandomNumberGenerator.Fill(frame.AsSpan(2, 4));
            for (var i = 0; i < payload.Length; i++) frame[6 + i] = (byte)(payload[i] ^ frame[2 + i % 4]);
            return frame;
        }

        /// <summary>Text, which may end records received in earlier frames; false when the server ended the connection.</summary>
        private bool ReadText(ReadOnlySpan<byte> payload)
        {
            if (_textLength + payload.Length > _text.Length) Array.Resize(ref _text, Math.Max(_text.Length * 2, _textLength + payload.Length));
            payload.CopyTo(_text.AsSpan(_textLength));
            _textLength += payload.Length;
            var start = 0;
            for (int end; (end = Array.IndexOf(_text, RecordSeparator, start, _textLength - start)) >= 0; start = end + 1)
                if (!Read(_text.AsSpan(start, end - start))) return false;
            _text.AsSpan(start, _textLength - start).CopyTo(_text);
            _textLength -= start;
            return true;
        }

        private void Consume(int count)
        {
            _received.AsSpan(count, _receivedLength - count).CopyTo(_received);
            _receivedLength -= count;
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
