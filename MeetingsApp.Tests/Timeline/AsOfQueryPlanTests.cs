using MeetingsApp.Data;
using MeetingsApp.EventStore.Subscriptions;
using MeetingsApp.Meetings;
using MeetingsApp.Timeline;
using MeetingsApp.Verbs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace MeetingsApp.Tests.Timeline;

/// <summary>
/// The "as of" queries are served by the temporal model's indexes, as the engine's own EXPLAIN says: the plans of the
/// exact commands EF sends. On PostgreSQL sequential scans are priced out for the test, since on a near-empty table it
/// would rightly prefer one: what the test shows is that the conditions are index conditions of the intended index.
/// </summary>
public class AsOfQueryPlanTests : DatabaseTest
{
    private DateTimeOffset Instant => Clock.GetUtcNow().AddMinutes(1);
    private Guid _organiser;

    /// <summary>The bench's meetings (every version of every one in the table), with statistics where the engine keeps them.</summary>
    protected override async ValueTask SetUpAsync()
    {
        (_, _organiser) = await BenchLive.WriteMeetingsAsync(Services, 300);
        var host = Services.Get<SubscriptionHost<AppDbContext>>();
        await host.RebuildAsync(MeetingProjection.SubscriberName);
        await host.RebuildAsync(MeetingVersionProjection.SubscriberName);
        await using var db = await Services.Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        if (Provider == DatabaseProvider.Postgres) await db.Database.ExecuteSqlRawAsync("ANALYZE");
    }

    private async Task<string> PlanAsync(Func<AppDbContext, IQueryable<MeetingVersionParticipant>> query)
    {
        await using var db = await Services.Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        await using var tx = await db.Database.BeginTransactionAsync();
        if (Provider == DatabaseProvider.Postgres) await db.Database.ExecuteSqlRawAsync("SET LOCAL enable_seqscan = off");
        await using var command = query(db).OrderBy(r => r.Start).CreateDbCommand();
        command.Transaction = tx.GetDbTransaction();
        command.CommandText = (Provider == DatabaseProvider.Postgres ? "EXPLAIN " : "EXPLAIN QUERY PLAN ") + command.CommandText;
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync()) lines.Add(reader.GetString(reader.FieldCount - 1));
        TestContext.Current.SendDiagnosticMessage(string.Join("\n", lines));
        return string.Join("\n", lines);
    }

    [Fact]
    public async Task MyMeetingsAsOf_IsOneRangeOfTheAsOfIndex_WithNoJoin()
    {
        var plan = await PlanAsync(db => AsOfQueries.MyMeetings(db, _organiser, Instant));

        if (Provider == DatabaseProvider.Postgres)
        {
            Assert.Matches(@"(Index|Index Only|Bitmap Index) Scan (using|on) ix_meeting_versions_as_of", plan);
            Assert.Matches(@"Index Cond: \(\(""UserId"" = .*\) AND \(""StillTakesPart"" = true\) AND \(""ValidTo"" > .*\) AND \(""ValidFrom"" <= .*\)\)", plan);
        }
        else
        {
            Assert.Matches(@"SEARCH m USING (COVERING )?INDEX ix_meeting_versions_as_of \(UserId=\? AND StillTakesPart=\? AND ValidTo>\?\)", plan);
        }
        Assert.DoesNotContain("meeting_participants", plan); // current membership is on the rows: no join
        Assert.DoesNotContain("Seq Scan", plan);
        Assert.DoesNotMatch(@"SCAN m\d?\b", plan);
    }

    [Fact]
    public async Task MyCalendarAsOf_IsTwoRangesOfTheCalendarIndex()
    {
        var plan = await PlanAsync(db => AsOfQueries.MyCalendar(db, _organiser, Instant, Instant.AddDays(30), Instant.AddDays(37)));

        if (Provider == DatabaseProvider.Postgres)
        {
            // Each branch is a range of one of the model's indexes (the planner may take the as-of index for the first one too,
            // since it holds the start as well); the long meetings' branch is the calendar index's.
            Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(plan, "(Index|Index Only|Bitmap Index) Scan (using|on) ix_meeting_versions_").Count);
            Assert.Matches(@"Index Cond: \(\(""UserId"" = .*\) AND \(""IsLong"" = true\) AND \(""Start"" < .*\)\)", plan);
        }
        else
        {
            Assert.Contains("USING INDEX ix_meeting_versions_calendar (UserId=? AND IsLong=? AND Start>? AND Start<?)", plan);
            Assert.Contains("USING INDEX ix_meeting_versions_calendar (UserId=? AND IsLong=? AND Start<?)", plan);
        }
        Assert.DoesNotContain("Seq Scan", plan);
        Assert.DoesNotMatch(@"SCAN m\d?\b", plan);
    }
}

/// <summary>The same plans on PostgreSQL.</summary>
public sealed class AsOfQueryPlanPostgresTests : AsOfQueryPlanTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
