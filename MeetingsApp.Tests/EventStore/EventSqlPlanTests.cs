using System.Data.Common;
using MeetingsApp.EventStore;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingsApp.Tests.EventStore;

/// <summary>How the engine runs the store's own statements, as its EXPLAIN says.</summary>
public class EventSqlPlanTests : DatabaseTest
{
    protected override void Configure(IServiceCollection services)
    {
        base.Configure(services);
        services.AddEventTypes<ThingEvents>();
    }

    /// <summary>
    /// Every append looks its command id up, so that look-up must stay a search of the command-id index as the log grows,
    /// even on a fresh log whose statistics the engine has not gathered yet: scanning the log for it made every PostgreSQL
    /// append cost time in proportion to the log (3 ms at 900 events). The plan is the engine's own EXPLAIN of the exact
    /// statement the append sends; on PostgreSQL sequential scans are priced out, as on a near-empty table it would rightly
    /// prefer one.
    /// </summary>
    [Fact]
    public async Task TheAppendsCommandIdLookup_SearchesTheCommandIdIndex_OnAFreshLog()
    {
        var store = Services.Get<IEventStore>();
        await Task.WhenAll(Enumerable.Range(0, 500).Select(i => store.AppendAsync(Guid.NewGuid(), "Thing", 0, [new ThingHappened(i), new ThingHappened(i + 1)],
            EventMetadata.ForCommand(Guid.NewGuid(), Guid.NewGuid()))));
        using var connection = OpenConnection();
        using var tx = connection.BeginTransaction();
        using var explain = connection.CreateCommand();
        explain.Transaction = tx;
        string plan;
        if (Provider == DatabaseProvider.Postgres)
        {
            using (var off = connection.GetCommand("SET LOCAL enable_seqscan = off", tx)) off.ExecuteNonQuery();
            explain.CommandText = "EXPLAIN " + ((PostgresAppendBatch)Provider.CreateAppendBatch()).Statement(events: 1);
            explain.Add("command_id", Guid.NewGuid().ToString()).Add("stream_id", Guid.NewGuid()).Add("stream_type", "Thing")
                .Add("expected", 0).Add("meta", "{}").Add("created_at", Clock.GetUtcNow().UtcDateTime)
                .Add("event_type_1", "thing_happened").Add("schema_version_1", 1).Add("data_1", "{}");
            plan = string.Join("\n", Rows(explain));
            Assert.Matches(@"Index Cond: \(\(meta ->> 'commandId'::text\) = ", plan);
            Assert.DoesNotContain("Filter: ((meta ->> 'commandId'", plan);
        }
        else
        {
            explain.CommandText = "EXPLAIN QUERY PLAN " + EventSql.FindCommand(Provider);
            explain.Add("@command_id", Guid.NewGuid().ToString());
            plan = string.Join("\n", Rows(explain));
            Assert.Contains("SEARCH events USING INDEX ix_events_command_id", plan);
        }

        static IEnumerable<string> Rows(DbCommand command)
        {
            using var reader = command.ExecuteReader();
            while (reader.Read()) yield return reader.GetString(reader.FieldCount - 1);
        }
    }
}

public sealed class EventSqlPlanPostgresTests : EventSqlPlanTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
