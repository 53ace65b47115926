using System.Buffers;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace MeetingsApp.Tests.Email;

/// <summary>
/// A real SMTP server (the SmtpServer package) on 127.0.0.1: it keeps every message it accepts, in arrival order, and can
/// refuse them or be down, to see what the app's sender does then.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly List<MimeMessage> _received = [];
    private CancellationTokenSource? _running;
    private Task? _server;

    public int Port { get; } = FreePort();

    /// <summary>When set, every message is refused with this answer, under <see cref="RefusalCode"/>.</summary>
    public string? Refusal { get; set; }

    /// <summary>550 (no such mailbox, for good) unless told otherwise: 451, say, for "try again later".</summary>
    public SmtpReplyCode RefusalCode { get; set; } = SmtpReplyCode.MailboxUnavailable;

    public IReadOnlyList<MimeMessage> Received
    {
        get { lock (_received) return [.. _received]; }
    }

    public void Start()
    {
        var options = new SmtpServerOptionsBuilder().ServerName("test-smtp")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port))).Build();
        var services = new ServiceProvider();
        services.Add(new Store(this));
        _running = new CancellationTokenSource();
        _server = new SmtpServer.SmtpServer(options, services).StartAsync(_running.Token);
    }

    /// <summary>Stops listening: connections are refused, as when a mail server is down.</summary>
    public async Task StopAsync()
    {
        if (_running is null) return;
        await _running.CancelAsync();
        try
        {
            await _server!;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
        _running.Dispose();
        _running = null;
    }

    /// <summary>Waits until <paramref name="done"/> holds for what has arrived.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(Func<IReadOnlyList<MimeMessage>, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!done(Received))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The SMTP server received {Received.Count} messages: {string.Join("; ", Received.Select(m => m.Subject))}");
            await Task.Delay(50);
        }
        return Received;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Store(TestSmtpServer server) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer,
            CancellationToken cancellationToken)
        {
            if (server.Refusal is { } refusal) return new SmtpResponse(server.RefusalCode, refusal);
            var message = await MimeMessage.LoadAsync(new MemoryStream(buffer.ToArray()), cancellationToken);
            lock (server._received) server._received.Add(message);
            return SmtpResponse.Ok;
        }
    }
}
