using MeetingsApp.Meetings;
using MeetingsApp.Shared;
using Microsoft.EntityFrameworkCore;

namespace MeetingsApp.Data;

/// <summary>
/// Fills the search forms (<see cref="SearchText"/>) left empty: on SQLite every row from before the migration that added
/// them, and on either engine what an older version writes during a rolling upgrade (it still registers people, and while
/// it holds the meetings lease writes meeting rows, without them). Runs after the migrations at every start, so the last
/// instance to be upgraded fills what the older ones wrote; once every instance runs this version it finds nothing.
/// </summary>
internal static class SearchColumns
{
    public static async Task FillMissingAsync(AppDbContext db, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct); // one commit, however many rows
        var people = await db.Users.Where(u => u.NormalizedDisplayName == "" && u.DisplayName != "")
            .Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct);
        // Each only if it is still as read: a row written meanwhile got its search form from whoever wrote it.
        foreach (var p in people)
            await db.Users.Where(u => u.Id == p.Id && u.DisplayName == p.DisplayName && u.NormalizedDisplayName == "")
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.NormalizedDisplayName, SearchText.Normalize(p.DisplayName)), ct);

        var meetings = await db.Set<MeetingSummary>().Where(m => m.SearchTitle == "" && m.Title != "")
            .Select(m => new { m.MeetingId, m.Title }).ToListAsync(ct);
        foreach (var m in meetings)
            await db.Set<MeetingSummary>().Where(s => s.MeetingId == m.MeetingId && s.Title == m.Title && s.SearchTitle == "")
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.SearchTitle, SearchText.Normalize(m.Title)), ct);
        await tx.CommitAsync(ct);
    }
}
