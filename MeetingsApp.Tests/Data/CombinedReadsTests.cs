using System.Data.Common;
using MeetingsApp.Data;
using MeetingsApp.EventStore;

namespace MeetingsApp.Tests.Data;

/// <summary>Queries asked while another runs go together in one round trip (PostgreSQL), or each on its own (SQLite).</summary>
public class CombinedReadsTests : DatabaseTest
{
    protected static CombinedRead<int> Echo(int n, string sql = "SELECT @n") =>
        new(sql, [("@n", n)], async (reader, ct) =>
        {
            Assert.True(await reader.ReadAsync(ct));
            return Convert.ToInt32(reader.GetValue(0));
        });

    [Fact]
    public async Task QueriesAskedWhileOneRuns_GoTogether_EachWithItsOwnAnswer()
    {
        var reads = new CombinedReads<int>(Services.Get<EventStoreDatabase>());
        var batches = Provider != DatabaseProvider.Sqlite;
        using var cancelled = new CancellationTokenSource();

        // The first runs alone (on PostgreSQL for a while); the twenty asked meanwhile wait for it, then go in one batch.
        var first = reads.ReadAsync(Echo(0, batches ? "SELECT @n FROM pg_sleep(0.3)" : "SELECT @n"));
        var others = Enumerable.Range(1, 20).Select(n => reads.ReadAsync(Echo(n))).ToList();
        var givenUp = reads.ReadAsync(Echo(99), cancelled.Token);
        cancelled.Cancel();

        Assert.Equal(Enumerable.Range(0, 21), await Task.WhenAll(others.Prepend(first)));
        if (batches)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => givenUp);
            Assert.Equal(2, reads.RoundTrips);
        }
        else
        {
            Assert.Equal(99, await givenUp); // SQLite's driver answered before the cancel
            Assert.Equal(22, reads.RoundTrips);
        }
    }
}

public sealed class CombinedReadsPostgresTests : CombinedReadsTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;

    [Fact]
    public async Task AQueryThatFailsInABatch_FailsThoseAfterIt_AndTheNextOnesRunAgain()
    {
        var reads = new CombinedReads<int>(Services.Get<EventStoreDatabase>());

        var first = reads.ReadAsync(Echo(0, "SELECT @n FROM pg_sleep(0.3)"));
        var good = reads.ReadAsync(Echo(1));
        var bad = reads.ReadAsync(Echo(2, "SELECT @n / 0"));
        var after = reads.ReadAsync(Echo(3));

        Assert.Equal(0, await first);
        Assert.Equal(1, await good);
        await Assert.ThrowsAnyAsync<DbException>(() => bad);
        await Assert.ThrowsAnyAsync<DbException>(() => after);
        Assert.Equal(4, await reads.ReadAsync(Echo(4)));
    }
}
