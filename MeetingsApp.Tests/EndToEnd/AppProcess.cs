using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace MeetingsApp.Tests.EndToEnd;

/// <summary>
/// The app as a process of its own (<c>dotnet MeetingsApp.dll</c>), listening on 127.0.0.1 at a port Kestrel picks,
/// configured through environment variables as an operator would. Killed (SIGKILL) when disposed.
/// </summary>
public sealed partial class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly DirectoryInfo _home;
    private readonly StringBuilder _output = new();

    private AppProcess(Process process, DirectoryInfo home) => (_process, _home) = (process, home);

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>What the process has printed so far, for failure messages.</summary>
    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public static async Task<AppProcess> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        var start = new ProcessStartInfo("dotnet", [typeof(AppHost).Assembly.Location, "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        // A home of its own, as on a machine of its own: nothing (such as ASP.NET's default key folder) is shared by accident.
        var home = Directory.CreateTempSubdirectory("meetings-home-");
        start.Environment["HOME"] = home.FullName;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development"; // a built (not published) app serves _content/ only here
        start.Environment["HostOptions__ShutdownTimeout"] = "00:00:01";
        // Every browser signs in from 127.0.0.1: limits as high as AppServer's, unless a test sets its own.
        start.Environment["Accounts__RateLimits__SignInsPerMinute"] = "100000";
        start.Environment["Accounts__RateLimits__RegistrationsPerHour"] = "100000";
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__")] = value;

        var app = new AppProcess(Process.Start(start)!, home);
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Read(string? line)
        {
            if (line is null) return;
            lock (app._output) app._output.AppendLine(line);
            if (ListeningOn().Match(line) is { Success: true } match) listening.TrySetResult(new Uri(match.Groups[1].Value + "/"));
        }
        app._process.OutputDataReceived += (_, e) => Read(e.Data);
        app._process.ErrorDataReceived += (_, e) => Read(e.Data);
        app._process.BeginOutputReadLine();
        app._process.BeginErrorReadLine();
        try
        {
            app.BaseAddress = await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            await app.DisposeAsync();
            throw new TimeoutException($"The app did not start listening within 60 s:\n{app.Output}");
        }
        return app;
    }

    /// <summary>SIGKILL: no shutdown, no goodbye to the database; its sessions end when the socket closes.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
        _home.Delete(recursive: true);
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningOn();
}
