using System.Data.Common;
using MeetingsApp.Accounts;
using MeetingsApp.Data;
using MeetingsApp.EventStore;
using MeetingsApp.Meetings;
using Microsoft.EntityFrameworkCore;

namespace MeetingsApp.Calendar;

/// <summary>
/// Answers "who is busy then" and "when are they all free" from the free/busy read model. Free/busy is visible to every
/// signed-in user of the deployment (who may register follows the registration setting); a meeting's title only to its
/// participants.
/// </summary>
public sealed class FreeBusyQueries(IDbContextFactory<AppDbContext> contexts, EventStoreDatabase database, Profiles profiles) : IFreeBusy
{
    /// <summary>
    /// Who of <c>@p0</c>, <c>@p1</c> ... is busy with another meeting between <c>@from</c> and <c>@to</c>, with that meeting's
    /// title where the asking user takes part in it: <see cref="BusyBetween"/>'s range and the titles in one statement.
    /// </summary>
    private static string ClashSql(int people) => $"""
        SELECT b."UserId", b."MeetingId", b."Start", b."End", s."Title"
        FROM busy_intervals b
        LEFT JOIN meeting_participants p ON p."MeetingId" = b."MeetingId" AND p."UserId" = @asking
        LEFT JOIN meeting_summaries s ON s."MeetingId" = p."MeetingId"
        WHERE b."UserId" IN ({string.Join(", ", Enumerable.Range(0, people).Select(i => $"@p{i}"))})
          AND b."Start" >= @earliest AND b."Start" < @to AND b."MeetingId" <> @except AND b."End" > @from
        """;

    private readonly CombinedReads<List<Clash>> _clashReads = new(database);

    /// <remarks>
    /// Runs on the write path of every scheduling, move, invitation and yes/maybe, so it is one plain ADO.NET statement on a
    /// pooled connection: through a fresh EF Core context the same lookup cost about ten times as much (most of it the
    /// context's first use), which halved the single-user command rate on SQLite. The lookups of commands that run at once
    /// share round trips (<see cref="CombinedReads{T}"/>).
    /// </remarks>
    public async Task<IReadOnlyList<Clash>> ClashesAsync(Guid askingUserId, Guid? meetingId, DateTimeOffset start, DateTimeOffset end,
        IReadOnlyCollection<Guid> people, CancellationToken ct = default)
    {
        if (people.Count == 0 || end <= start) return [];
        var order = people.Distinct().Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);
        // Ids are written and compared the way EF Core stores them, as the event store's own stream ids are.
        var id = database.Provider.StreamIdValue;
        List<(string, object)> parameters =
        [
            ("@asking", id(askingUserId)), ("@except", id(meetingId ?? Guid.Empty)),
            ("@earliest", start.UtcDateTime - MeetingRules.MaxDuration), ("@from", start.UtcDateTime), ("@to", end.UtcDateTime),
            .. order.Select(p => ($"@p{p.Value}", id(p.Key))),
        ];
        var busy = await _clashReads.ReadAsync(new CombinedRead<List<Clash>>(ClashSql(order.Count), parameters, ReadClashesAsync), ct);
        return busy.OrderBy(b => order[b.UserId]).ThenBy(b => b.Start).ToList();
    }

    private static async Task<List<Clash>> ReadClashesAsync(DbDataReader reader, CancellationToken ct)
    {
        var busy = new List<Clash>();
        while (await reader.ReadAsync(ct))
            busy.Add(new Clash(reader.GetGuid(0), reader.GetGuid(1), reader.IsDBNull(4) ? null : reader.GetString(4),
                new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(2), DateTimeKind.Utc)),
                new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(3), DateTimeKind.Utc))));
        return busy;
    }

    public async Task<IReadOnlyList<FreeSlot>> SuggestAsync(Guid? meetingId, IReadOnlyCollection<Guid> people, TimeSpan duration,
        DateTimeOffset from, TimeZoneInfo zone, int count, CancellationToken ct = default)
    {
        if (people.Count == 0 || duration <= TimeSpan.Zero) return [];
        var until = from.UtcDateTime + Busy.SuggestionHorizon;
        List<BusyInterval> busy;
        await using (var db = await contexts.CreateDbContextAsync(ct))
            busy = await BusyBetween(db, meetingId, people, from.UtcDateTime, until).OrderBy(b => b.Start).ToListAsync(ct);
        var hours = await profiles.WorkingHoursAsync(people, ct);
        var byPerson = busy.ToLookup(b => b.UserId, b => (b.Start, b.End));
        var availability = people.Where(hours.ContainsKey).Select(p => new Availability(hours[p], byPerson[p].ToList())).ToList();
        return SlotFinder.Find(availability, duration, from.UtcDateTime, until, zone, count);
    }

    /// <summary>Busy rows of <paramref name="people"/> starting before <paramref name="to"/> that may still run at <paramref name="from"/>.</summary>
    private static IQueryable<BusyInterval> BusyBetween(AppDbContext db, Guid? meetingId, IReadOnlyCollection<Guid> people, DateTime from, DateTime to)
    {
        var (earliest, except) = (from - MeetingRules.MaxDuration, meetingId ?? Guid.Empty);
        return db.Set<BusyInterval>().AsNoTracking()
            .Where(b => people.Contains(b.UserId) && b.Start >= earliest && b.Start < to && b.MeetingId != except);
    }
}
