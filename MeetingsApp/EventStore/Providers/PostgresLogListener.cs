using Npgsql;

namespace MeetingsApp.EventStore;

/// <summary>
/// On PostgreSQL, wakes this instance's subscribers as soon as any instance appends an event or moves a checkpoint: the
/// migration's triggers <c>NOTIFY event_log</c> at commit with the table's name, and this listens. An append wakes
/// every subscriber; a moved checkpoint only those following another instance (<see cref="AppendSignal.CheckpointMoved"/>):
/// every batch a subscriber commits moves its checkpoint, and woke every other subscriber of every instance to read the
/// log for nothing. Polling stays as the safety net.
/// </summary>
public sealed class PostgresLogListener(string connectionString, AppendSignal signal, ILogger<PostgresLogListener> logger) : BackgroundService
{
    public const string Channel = "event_log";

    /// <summary>The payload of a checkpoint's notification: the trigger sends its table's name.</summary>
    private const string CheckpointsTable = "subscription_checkpoints";

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString)
                    { Pooling = false, ApplicationName = "MeetingsApp log listener", KeepAlive = 5 }.ConnectionString);
                await connection.OpenAsync(ct);
                connection.Notification += (_, e) =>
                {
                    if (e.Payload == CheckpointsTable) signal.CheckpointMoved();
                    else signal.Notify();
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection)) await listen.ExecuteNonQueryAsync(ct);
                // Whatever happened while nobody listened.
                signal.Notify();
                signal.CheckpointMoved();
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
