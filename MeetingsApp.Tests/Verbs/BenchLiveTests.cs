using MeetingsApp.Verbs;

namespace MeetingsApp.Tests.Verbs;

/// <summary>
/// The live rows of <c>bench</c> at a small size: each option runs and prints its figures. Nothing here is timed: speed
/// lives in the printed figures (README's bench section), which drift on a shared machine.
/// </summary>
public sealed class BenchLiveTests
{
    internal static async Task<List<(string Name, string Value)>> RowsAsync(params string[] args)
    {
        var rows = new List<(string Name, string Value)>();
        // No warm-up beyond the first rounds: the figures are not the point here.
        await using (var database = BenchDatabase.Sqlite()) await BenchLive.AddRowsAsync(rows, database, [.. args, "--warm-up", "0"]);
        foreach (var (name, value) in rows) TestContext.Current.TestOutputHelper?.WriteLine($"{name}: {value}");
        return rows;
    }

    internal static double Number(List<(string Name, string Value)> rows, string name) =>
        double.Parse(rows.Single(r => r.Name.StartsWith(name, StringComparison.Ordinal)).Value.Split(' ')[0], System.Globalization.CultureInfo.CurrentCulture);

    [Fact]
    public async Task Connections_ThirtyHubConnections_EachHearsEveryChange_AndTheServersMemoryPerConnectionIsPrinted()
    {
        var rows = await RowsAsync("--connections", "30", "--samples", "5");

        Assert.True(Number(rows, "command -> hub message at a SignalR client, p50 ms") > 0);
        Assert.True(Number(rows, "command -> last of 30 hub connections, p50 ms") > 0);
        Assert.True(Number(rows, "command -> last of 30 hub connections, p99 ms") > 0);
        Assert.Equal("0 / 0", rows.Single(r => r.Name.Contains("messages missed")).Value);
        // The bench server runs inside the test process, beside other tests that allocate, so at 30 connections the
        // memory delta is noise and may be negative: only that both figures are printed as numbers is asserted here.
        Assert.True(double.IsFinite(Number(rows, "  server memory per connection: managed heap")));
        Assert.True(double.IsFinite(Number(rows, "  server memory per connection: resident KiB")));
    }
}
