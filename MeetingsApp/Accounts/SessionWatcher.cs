using Microsoft.Extensions.Options;

namespace MeetingsApp.Accounts;

public sealed class SessionOptions
{
    /// <summary>How often open circuits and hub connections are compared with their users' stamps in the database.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(2);
}

/// <summary>
/// Catches sign-outs and password changes made on another instance: this instance only hears of its own at once
/// (<see cref="OpenSessions.CheckAsync"/> from the request that made them), so it looks at the database now and then.
/// </summary>
internal sealed class SessionWatcher(OpenSessions sessions, IOptions<SessionOptions> options, ILogger<SessionWatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CheckInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await sessions.CheckAsync(ct: stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database is away for a moment: the next tick tries again; cookies are checked per request anyway.
                logger.LogWarning(ex, "Open sessions could not be checked");
            }
        }
    }
}
