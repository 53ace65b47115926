using System.Diagnostics;
using System.Runtime;

namespace MeetingsApp.Verbs;

/// <summary>
/// Warm-up of a live row: the bench's server has just started, and for the first minute of a running app the JIT is
/// still compiling (each hot method once quickly, then again optimised), which on two cores was a third of the
/// processor time of the first few hundred changes. A server that has run a while does not pay that, so the rows time
/// changes only once the JIT has settled: rounds go on until the JIT took under 2% of a second's wall time, for at most
/// <c>--warm-up</c> seconds (30 by default; 0: only the first ten rounds). The rows say how many rounds it took.
/// </summary>
internal static class BenchWarmUp
{
    private const int MinRounds = 10;

    public static async Task<string> RunAsync(string[] args, Func<Task> round)
    {
        var limit = TimeSpan.FromSeconds(BenchVerb.IntOption(args, "--warm-up", 30));
        var started = Stopwatch.GetTimestamp();
        var (rounds, windowStart, windowJit) = (0, started, JitInfo.GetCompilationTime());
        while (true)
        {
            await round();
            rounds++;
            if (rounds < MinRounds) continue;
            if (Stopwatch.GetElapsedTime(started) >= limit) return $"{rounds:N0} rounds, the JIT still busy after {limit.TotalSeconds:N0} s";
            var window = Stopwatch.GetElapsedTime(windowStart);
            if (window < TimeSpan.FromSeconds(1)) continue;
            if ((JitInfo.GetCompilationTime() - windowJit) / window < 0.02) return $"{rounds:N0} rounds, until the JIT settled";
            (windowStart, windowJit) = (Stopwatch.GetTimestamp(), JitInfo.GetCompilationTime());
        }
    }
}
