using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MeetingsApp.Tests.Shared;

/// <summary>
/// Holds back, until <see cref="Release"/>, every query of the real database that has a parameter containing
/// <see cref="Marker"/> (the first <see cref="Holds"/> of them): a read made slow on purpose, to finish after a later one.
/// Or fails the next <see cref="Failures"/> queries as SQLite does when it gives up waiting for a lock.
/// </summary>
public sealed class HeldReads : DbCommandInterceptor
{
    private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private int _holds = int.MaxValue;
    private int _failures;

    public string? Marker { get; set; }

    public int Holds { set => _holds = value; }

    public int Failures { set => _failures = value; }

    /// <summary>Completes when the first query with the marker is being held.</summary>
    public Task Held => _held.Task;

    public void Release() => _released.TrySetResult();

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken ct = default)
    {
        if (Volatile.Read(ref _failures) > 0 && Interlocked.Decrement(ref _failures) >= 0) throw new SqliteException("database is locked", 5);
        if (Marker is { } marker && command.Parameters.Cast<DbParameter>()
                .Any(p => p.Value?.ToString()?.Contains(marker, StringComparison.OrdinalIgnoreCase) == true)
            && Interlocked.Decrement(ref _holds) >= 0)
        {
            _held.TrySetResult();
            await _released.Task.WaitAsync(ct);
        }
        return result;
    }
}
