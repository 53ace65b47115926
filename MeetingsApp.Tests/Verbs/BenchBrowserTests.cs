using MeetingsApp.Tests.EndToEnd;
using MeetingsApp.Verbs;

namespace MeetingsApp.Tests.Verbs;

/// <summary>
/// <c>bench --browser</c> at a small size, in Chromium of its own (one browser test class at a time, as the others).
/// Where Chromium is missing it skips, or fails where <c>MEETINGS_REQUIRE_BROWSER=1</c> says it is required.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class BenchBrowserTests
{
    [Fact]
    public async Task Browser_SixChangesAndThreeTabs_PrintsTabToTabTimesAndTheServersMemoryPerTab()
    {
        if (ChromiumLocator.Find() is { Path: null, Why: var why }) TestMachine.Missing(TestMachine.Need.Chromium, why);

        var rows = await BenchLiveTests.RowsAsync("--browser", "--changes", "6", "--tabs", "3");

        Assert.True(BenchLiveTests.Number(rows, "click in one tab -> DOM of another tab, 6 changes, p50 ms") > 0);
        Assert.True(BenchLiveTests.Number(rows, "click in one tab -> DOM of another tab, 6 changes, p99 ms") > 0);
        Assert.Matches(@"^\d+\.\d / \d+\.\d$", rows.Single(r => r.Name.Trim() == "6 changes back to back, p50 / p99 ms").Value);
        Assert.Contains(rows, r => r.Name.Contains("the two tabs' clocks"));
        Assert.Contains(rows, r => r.Name.StartsWith("server memory per open tab on /meetings (3 tabs)", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Name.Contains("managed heap after full GC KiB"));
    }
}
