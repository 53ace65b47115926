using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MeetingsApp.Verbs;

/// <summary>
/// Headless Chromium driven over its DevTools protocol on one WebSocket (<see cref="ClientWebSocket"/>), with just what
/// <c>bench --browser</c> needs: profiles with cookies, tabs, and script evaluated in a tab. Events are not listened to.
/// Small enough that the app needs no browser-automation package; the tests use Playwright.
/// </summary>
internal sealed class DevTools : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly Process _chromium;
    private readonly DirectoryInfo _profile;
    private readonly ClientWebSocket _socket = new();
    private Task _receiving = Task.CompletedTask;
    private int _lastId;

    private DevTools(Process chromium, DirectoryInfo profile) => (_chromium, _profile) = (chromium, profile);

    /// <summary>A tab, attached in flat mode: its commands go over the browser's socket with the tab's session id.</summary>
    public sealed record Tab(DevTools Browser, string TargetId, string SessionId)
    {
        /// <summary>Evaluates <paramref name="expression"/> in the page, awaiting a promise, and returns its JSON value.</summary>
        public async Task<JsonElement> EvaluateAsync(string expression)
        {
            var reply = await Browser.SendAsync("Runtime.evaluate", new { expression, awaitPromise = true, returnByValue = true }, SessionId);
            if (reply.TryGetProperty("exceptionDetails", out var failed))
                throw new InvalidOperationException($"The page threw: {failed.GetProperty("exception").GetProperty("description").GetString()}");
            return reply.GetProperty("result").TryGetProperty("value", out var value) ? value : default;
        }

        public Task CloseAsync() => Browser.SendAsync("Target.closeTarget", new { targetId = TargetId });
    }

    public static async Task<DevTools> LaunchAsync(string executable)
    {
        var profile = Directory.CreateTempSubdirectory("meetings-bench-chromium-");
        var start = new ProcessStartInfo(executable,
        [
            "--headless", "--remote-debugging-port=0", $"--user-data-dir={profile.FullName}",
            // The flags of the browser tests (MeetingsApp.Tests/EndToEnd/Browser.cs) ...
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync",
            // ... and, as Playwright adds them itself, no throttling of tabs that are not in front: every tab is watched.
            "--disable-background-timer-throttling", "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows",
            "about:blank",
        ]) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        var chromium = Process.Start(start) ?? throw new InvalidOperationException($"{executable} did not start.");
        chromium.ErrorDataReceived += (_, _) => { }; // read, so that a chatty browser never blocks on a full pipe
        chromium.OutputDataReceived += (_, _) => { };
        chromium.BeginErrorReadLine();
        chromium.BeginOutputReadLine();
        var devTools = new DevTools(chromium, profile);
        try
        {
            // Chromium writes the port it picked, and the browser's socket path, into the profile.
            var file = Path.Combine(profile.FullName, "DevToolsActivePort");
            var watch = Stopwatch.StartNew();
            string[] lines = [];
            while ((!File.Exists(file) || (lines = await File.ReadAllLinesAsync(file)).Length < 2) && !chromium.HasExited)
            {
                if (watch.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException($"{executable} did not open its DevTools port.");
                await Task.Delay(50);
            }
            if (chromium.HasExited) throw new InvalidOperationException($"{executable} exited with {chromium.ExitCode} before opening its DevTools port.");
            await devTools._socket.ConnectAsync(new Uri($"ws://127.0.0.1:{lines[0]}{lines[1]}"), CancellationToken.None);
            devTools._receiving = devTools.ReceiveAsync();
            return devTools;
        }
        catch
        {
            await devTools.DisposeAsync();
            throw;
        }
    }

    /// <summary>A fresh profile (an incognito-like browser context) holding <paramref name="cookies"/>, e.g. of a sign-in.</summary>
    public async Task<string> NewProfileAsync(Uri site, CookieContainer cookies)
    {
        var context = (await SendAsync("Target.createBrowserContext", new { })).GetProperty("browserContextId").GetString()!;
        var list = cookies.GetCookies(site).Select(c => new { name = c.Name, value = c.Value, url = site.ToString(), path = "/", httpOnly = c.HttpOnly }).ToArray();
        await SendAsync("Storage.setCookies", new { cookies = list, browserContextId = context });
        return context;
    }

    public async Task<Tab> OpenAsync(string profile, Uri url)
    {
        var target = (await SendAsync("Target.createTarget", new { url = url.ToString(), browserContextId = profile })).GetProperty("targetId").GetString()!;
        var session = (await SendAsync("Target.attachToTarget", new { targetId = target, flatten = true })).GetProperty("sessionId").GetString()!;
        var tab = new Tab(this, target, session);
        // The new tab starts on about:blank and navigates; script evaluated before the page is there would be lost with it.
        var watch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if ((await tab.EvaluateAsync("location.href !== 'about:blank' && document.readyState !== 'loading'")).ValueKind == JsonValueKind.True) return tab;
            }
            catch (InvalidOperationException) when (watch.Elapsed < TimeSpan.FromSeconds(30))
            {
                // The context went away with the navigation; ask the next one.
            }
            if (watch.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException($"{url} did not load in a new tab.");
            await Task.Delay(20);
        }
    }

    public async Task<JsonElement> SendAsync(string method, object parameters, string? sessionId = null)
    {
        var id = Interlocked.Increment(ref _lastId);
        var reply = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = reply;
        var message = JsonSerializer.SerializeToUtf8Bytes(new { id, method, @params = parameters, sessionId }, Json);
        await _sending.WaitAsync();
        try
        {
            await _socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        }
        finally
        {
            _sending.Release();
        }
        return await reply.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var part = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                if (part.MessageType == WebSocketMessageType.Close) break;
                message.Write(buffer, 0, part.Count);
                if (!part.EndOfMessage) continue;
                Dispatch(message.GetBuffer().AsSpan(0, (int)message.Length));
                message.SetLength(0);
            }
        }
        catch (WebSocketException)
        {
            // The browser went away; whoever still waits is told below.
        }
        foreach (var waiting in _pending.Values) waiting.TrySetException(new InvalidOperationException("Chromium closed its DevTools connection."));
    }

    private void Dispatch(ReadOnlySpan<byte> json)
    {
        using var document = JsonDocument.Parse(json.ToArray());
        var root = document.RootElement;
        if (!root.TryGetProperty("id", out var id) || !_pending.TryRemove(id.GetInt32(), out var reply)) return; // an event
        if (root.TryGetProperty("error", out var error)) reply.TrySetException(new InvalidOperationException($"DevTools: {error.GetProperty("message").GetString()}"));
        else reply.TrySetResult(root.GetProperty("result").Clone());
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                await SendAsync("Browser.close", new { }).WaitAsync(TimeSpan.FromSeconds(5));
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException)
            {
                // Closing anyway, below.
            }
        }
        if (!_chromium.WaitForExit(5_000)) _chromium.Kill(entireProcessTree: true);
        await _chromium.WaitForExitAsync();
        await _receiving;
        _socket.Dispose();
        _chromium.Dispose();
        try
        {
            _profile.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A crash reporter may still hold a file; the temp folder is the system's to clean.
        }
    }
}
