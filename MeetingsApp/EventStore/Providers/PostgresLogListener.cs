using Npgsql;

namespace MeetingsApp.EventStore;

/// <summary>
/// On PostgreSQL, wakes this instance's subscribers as soon as any instance appends an event or moves a checkpoint: the
/// migration's triggers <c>NOTIFY event_log</c> at commit, and this listens. Polling stays as the safety net.
/// </summary>
public sealed class PostgresLogListener(string connectionString, AppendSignal signal, ILogger<PostgresLogListener> logger) : BackgroundService
{
    public const string Channel = "event_log";

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString)
                    { Pooling = false, ApplicationName = "MeetingsApp log listener", KeepAlive = 5 }.ConnectionString);
                await connection.OpenAsync(ct);
                connection.Notification += (_, _) => signal.Notify();
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection)) await listen.ExecuteNonQueryAsync(ct);
                signal.Notify(); // whatever happened while nobody listened
                while (true) await connection.WaitAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Listening for appends failed; polling until it reconnects");
                await Task.Delay(TimeSpan.FromSeconds(1), ct).ContinueWith(_ => { }, CancellationToken.None);
            }
        }
    }
}
