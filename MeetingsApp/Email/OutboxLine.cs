using MeetingsApp.Data;
using MeetingsApp.EventStore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace MeetingsApp.Email;

/// <summary>
/// The messages to one recipient about one meeting, which go out in order. A claim of a later one and an admin's retry of
/// an earlier one each look at the other's row before they change their own, so each first takes the line, in its own
/// transaction: on PostgreSQL a transaction-level advisory lock on the (meeting, recipient) pair, on SQLite the write lock
/// that every transaction here takes at its start. The second then waits for the first and sees what it committed; under
/// PostgreSQL's READ COMMITTED both could otherwise have gone ahead, and the two messages out of order.
/// </summary>
internal static class OutboxLine
{
    /// <summary>
    /// The advisory locks' first key, "OUTB": two-key advisory locks never meet the one-key ones of the event store and the
    /// subscribers' leases.
    /// </summary>
    private const int LockSpace = 0x4F_55_54_42;

    /// <summary>A transaction holding the line of message <paramref name="id"/> (an account mail has none: it stands alone).</summary>
    public static async Task<IDbContextTransaction> TakeAsync(AppDbContext db, long id, CancellationToken ct)
    {
        var tx = await db.Database.BeginTransactionAsync(ct);
        if (DatabaseProvider.Of(db) == DatabaseProvider.Postgres)
            await db.Database.ExecuteSqlAsync($"""
                SELECT pg_advisory_xact_lock({LockSpace}, hashtext(m."MeetingId"::text || m."RecipientId"::text))
                FROM email_outbox m WHERE m."Id" = {id} AND m."Kind" = {(int)OutboxKind.Meeting}
                """, ct);
        return tx;
    }
}
