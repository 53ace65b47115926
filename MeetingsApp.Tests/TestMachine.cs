using System.Collections.Concurrent;

[assembly: AssemblyFixture(typeof(MeetingsApp.Tests.TestMachine))]

namespace MeetingsApp.Tests;

/// <summary>
/// What some tests need from the machine beyond the .NET SDK (Chromium, PostgreSQL). Where it is missing, those tests
/// skip, each saying what is missing and how to install it, and the run ends with one line counting them; where an
/// environment variable (set by <c>.ci/run</c>) says the thing is required, they fail instead, so CI never skips
/// silently. As an assembly fixture it outlives every test: it prints that line and removes what the run started.
/// </summary>
public sealed class TestMachine : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<Need, int> Skips = new();
    private static readonly ConcurrentDictionary<Need, string> Reasons = new();
    private static readonly ConcurrentQueue<string> Notes = new();

    /// <summary>Something a test needs, the one command that installs it, and the variable that makes it required.</summary>
    public sealed record Need(string Name, string Install, string RequiredBy)
    {
        public static readonly Need Chromium = new("Chromium", "apt-get install chromium", "MEETINGS_REQUIRE_BROWSER");
        public static readonly Need PostgreSql = new("PostgreSQL", "apt-get install postgresql", "MEETINGS_REQUIRE_POSTGRES");

        public bool IsRequired => Environment.GetEnvironmentVariable(RequiredBy) == "1";
    }

    /// <summary>Skips the running test because <paramref name="need"/> is missing (or fails it, where it is required).</summary>
    public static void Missing(Need need, string why)
    {
        if (need.IsRequired) throw new InvalidOperationException($"{need.Name} is required here ({need.RequiredBy}=1), but {why}");
        Skips.AddOrUpdate(need, 1, (_, count) => count + 1);
        Reasons.TryAdd(need, why);
        Assert.Skip($"Needs {need.Name}: {why} Install it with `{need.Install}`.");
    }

    /// <summary>Something about the machine the run had to work around, said once at the end of the run.</summary>
    public static void Note(string message) => Notes.Enqueue(message);

    public async ValueTask DisposeAsync()
    {
        await PostgresServer.StopOwnClusterAsync();
        // The xunit runner shows diagnostic messages sent from here at every verbosity (they are on in
        // xunit.runner.json); the same sent from inside a test show only at detailed verbosity.
        foreach (var note in Notes) TestContext.Current.SendDiagnosticMessage(note);
        if (Skips.IsEmpty) return;
        var parts = Skips.OrderBy(s => s.Key.Name).Select(s => $"{s.Value} need {s.Key.Name}: {Reasons[s.Key]} Install it with `{s.Key.Install}`.");
        TestContext.Current.SendDiagnosticMessage($"Skipped {Skips.Values.Sum()} tests. {string.Join(" ", parts)}");
    }
}
