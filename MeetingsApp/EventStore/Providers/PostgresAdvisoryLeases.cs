using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using MeetingsApp.EventStore.Subscriptions;
using Npgsql;

namespace MeetingsApp.EventStore;

/// <summary>
/// PostgreSQL: a subscriber's lease is a session-level advisory lock, held on one dedicated connection of this
/// instance. When the instance dies its session ends, PostgreSQL releases the lock, and the next instance that
/// asks takes the subscriber over from the checkpoint the dead one committed. The same session holds a shared advisory
/// lock for every event type and schema version this instance reads, so an instance that meets one it does not know can
/// tell whether a running instance reads it (a newer version, mid-upgrade), and hand the subscriber over instead of parking.
/// </summary>
public sealed class PostgresAdvisoryLeases(string connectionString, IEnumerable<(string Name, int SchemaVersion)> readable,
    ILogger<PostgresAdvisoryLeases> logger) : ISubscriptionLeases
{
    private readonly long[] _reads = readable.Select(r => KeyOf(r.Name, r.SchemaVersion)).Distinct().ToArray();

    /// <summary>How often a held lease checks that its session is still alive.</summary>
    private static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _use = new(1, 1);
    private readonly HashSet<string> _held = [];
    private NpgsqlConnection? _session;
    private long _checkedAt;

    public static long KeyOf(string subscriber) =>
        BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes($"meetings-subscription:{subscriber}")));

    public static long KeyOf(string eventType, int schemaVersion) =>
        BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes($"meetings-event-type:{eventType}@{schemaVersion}")));

    public async Task<bool> OtherInstanceReadsAsync(string eventType, int schemaVersion, CancellationToken ct)
    {
        await _use.WaitAsync(ct);
        try
        {
            _session ??= await OpenSessionAsync(ct);
            // Free for an exclusive lock: no session holds it shared, so no running instance reads the type. Let go at once.
            await using var probe = new NpgsqlCommand(
                "SELECT CASE WHEN pg_try_advisory_lock(@key) THEN NOT pg_advisory_unlock(@key) ELSE true END", _session);
            probe.Parameters.AddWithValue("key", KeyOf(eventType, schemaVersion));
            return await probe.ExecuteScalarAsync(ct) is true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not ask whether another instance reads {EventType} v{SchemaVersion}", eventType, schemaVersion);
            await CloseSessionAsync();
            return false;
        }
        finally
        {
            _use.Release();
        }
    }

    public async Task<bool> HoldAsync(string subscriber, CancellationToken ct)
    {
        await _use.WaitAsync(ct);
        try
        {
            _session ??= await OpenSessionAsync(ct);
            if (_held.Contains(subscriber))
            {
                if (Stopwatch.GetElapsedTime(_checkedAt) < CheckEvery) return true;
                await using var ping = new NpgsqlCommand("SELECT 1", _session);
                await ping.ExecuteScalarAsync(ct);
                _checkedAt = Stopwatch.GetTimestamp();
                return true;
            }
            await using var take = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", _session);
            take.Parameters.AddWithValue("key", KeyOf(subscriber));
            if (await take.ExecuteScalarAsync(ct) is not true) return false;
            _held.Add(subscriber);
            logger.LogInformation("This instance now applies {Subscriber}", subscriber);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The session is gone and every lease with it: another instance may hold them already. Follow until a new
            // session can take them back.
            logger.LogWarning(ex, "Lost the subscription leases ({Subscribers})", string.Join(", ", _held));
            await CloseSessionAsync();
            return false;
        }
        finally
        {
            _use.Release();
        }
    }

    private async Task<NpgsqlConnection> OpenSessionAsync(CancellationToken ct)
    {
        // Not pooled: the locks belong to this one session and must end with it, not wait in a pool.
        var session = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString)
            { Pooling = false, ApplicationName = "MeetingsApp subscription leases", KeepAlive = 5 }.ConnectionString);
        await session.OpenAsync(ct);
        await using (var announce = new NpgsqlCommand("SELECT pg_advisory_lock_shared(k) FROM unnest(@keys) AS k", session))
        {
            announce.Parameters.AddWithValue("keys", _reads);
            await announce.ExecuteNonQueryAsync(ct);
        }
        _checkedAt = Stopwatch.GetTimestamp();
        return session;
    }

    private async Task CloseSessionAsync()
    {
        _held.Clear();
        if (_session is not null) await _session.DisposeAsync();
        _session = null;
    }

    public async Task ReleaseAsync(string subscriber)
    {
        await _use.WaitAsync();
        try
        {
            if (_session is null || !_held.Remove(subscriber)) return;
            await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", _session);
            release.Parameters.AddWithValue("key", KeyOf(subscriber));
            await release.ExecuteScalarAsync();
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not release {Subscriber}; closing the lease session", subscriber);
            await CloseSessionAsync();
        }
        finally
        {
            _use.Release();
        }
    }

    public async Task ReleaseAllAsync()
    {
        await _use.WaitAsync();
        try
        {
            await CloseSessionAsync();
        }
        finally
        {
            _use.Release();
        }
    }

    public async ValueTask DisposeAsync() => await ReleaseAllAsync();
}
