using MeetingsApp.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace MeetingsApp.Email;

/// <summary>
/// The messages to one recipient about one meeting, which go out in order. A claim of a later one and an admin's retry of
/// an earlier one each look at the other's row before they change their own, so each first takes the line, in its own
/// transaction: on PostgreSQL a lock on the line's first row (an update that changes nothing), on SQLite the write lock
/// that every transaction here takes at its start. The second then waits for the first and sees what it committed; under
/// PostgreSQL's READ COMMITTED both could otherwise have gone ahead, and the two messages out of order.
/// </summary>
internal static class OutboxLine
{
    /// <summary>A transaction holding the line of message <paramref name="id"/> (an account mail has none: it stands alone).</summary>
    public static async Task<IDbContextTransaction> TakeAsync(AppDbContext db, long id, CancellationToken ct)
    {
        var tx = await db.Database.BeginTransactionAsync(ct);
        var all = db.Set<OutboxMessage>();
        await all.Where(first => first.Id == all.Where(m => m.Id == id && m.Kind == OutboxKind.Meeting)
                .SelectMany(m => all.Where(l => l.Kind == OutboxKind.Meeting && l.MeetingId == m.MeetingId && l.RecipientId == m.RecipientId))
                .Min(l => (long?)l.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Attempts, m => m.Attempts), ct);
        return tx;
    }
}
