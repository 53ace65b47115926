using System.Collections.Concurrent;
using System.Diagnostics;
using MeetingsApp.Demo;
using MeetingsApp.Meetings;

namespace MeetingsApp.Verbs;

/// <summary>
/// <c>bench --connections N</c>: the app hosted here, N hub connections held by <see cref="BenchListeners"/> in a child
/// process, spread over the four people of the demo's "Sprint planning". Dave answers it over and over; each sample is
/// the time from issuing his command to the last of the N connections hearing of it.
/// </summary>
internal static class BenchConnections
{
    private static readonly string[] Listeners = ["alice", "bob", "carol", "dave"];

    /// <summary>
    /// What one run measured. The processor time per change (the server's, the listeners') is what the figures rest on
    /// when the machine is shared: on two idle cores, a change cannot reach the last connection sooner than about half
    /// their sum.
    /// </summary>
    public sealed record Figures(int Connections, double P50, double P99, double Max, long Missed, int Closed,
        double WorkingSetKiB, double HeapKiB, double PinnedKiB, double ServerCpuMs, double ListenersCpuMs, string WarmUp);

    public static async Task<Figures> FanOutAsync(BenchDatabase database, int connections, int samples, string[] args)
    {
        RequireDescriptors(connections);
        await using var app = await BenchApp.StartAsync(database, $"fanout{connections}");
        var handler = app.Get<MeetingCommandHandler>();
        var (planning, dave) = (DemoData.Id("meeting:planning"), DemoData.Id("user:dave"));
        var accept = true;
        async Task<long> ClickAsync()
        {
            var result = (accept = !accept)
                ? await handler.HandleAsync(new AcceptInvitation(planning), new CommandContext(dave, Guid.NewGuid()))
                : await handler.HandleAsync(new DeclineInvitation(planning), new CommandContext(dave, Guid.NewGuid()));
            if (!result.Succeeded) throw new InvalidOperationException(result.Error!.Message);
            return result.Appended!.LastPosition;
        }
        await ClickAsync(); // the command path's first use, before the baseline
        var before = ProcessMemory.AfterFullCollection();

        using var child = Start(app.Address, connections);
        var heard = new ConcurrentDictionary<long, TaskCompletionSource<long>>();
        TaskCompletionSource<long> Heard(long position) =>
            heard.GetOrAdd(position, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously));
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var (counts, closed, done) = (new ConcurrentDictionary<long, int>(), 0, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        var errors = new ConcurrentQueue<string>();
        child.OutputDataReceived += (_, e) =>
        {
            switch (e.Data?.Split(' '))
            {
                case ["ready", _]: ready.TrySetResult(); break;
                case ["heard", var p, var t]: Heard(long.Parse(p)).TrySetResult(long.Parse(t)); break;
                case ["count", var p, var c]: counts[long.Parse(p)] = int.Parse(c); break;
                case ["closed", var c]: closed = int.Parse(c); done.TrySetResult(); break;
                case null: ready.TrySetException(new InvalidOperationException($"The listeners stopped: {string.Join(" ", errors)}")); break;
            }
        };
        child.ErrorDataReceived += (_, e) => { if (e.Data is { } line) errors.Enqueue(line); };
        child.BeginOutputReadLine();
        child.BeginErrorReadLine();
        try
        {
            await ready.Task.WaitAsync(TimeSpan.FromSeconds(60 + connections / 20));

            var clicked = new List<long>();
            async Task<double?> ChangeAsync()
            {
                var start = Stopwatch.GetTimestamp();
                var position = await ClickAsync();
                clicked.Add(position);
                try
                {
                    return Stopwatch.GetElapsedTime(start, await Heard(position).Task.WaitAsync(TimeSpan.FromSeconds(10))).TotalMilliseconds;
                }
                catch (TimeoutException)
                {
                    return null; // some connection never heard of it: counted as missed below; the timing is left out
                }
            }
            var warmUp = await BenchWarmUp.RunAsync(args, ChangeAsync);
            var (server, listeners) = (ProcessorTime(), child.TotalProcessorTime);
            var timings = new List<double>();
            for (var i = 0; i < samples; i++)
                if (await ChangeAsync() is { } timing) timings.Add(timing);
            var (serverCpu, listenersCpu) = ((ProcessorTime() - server).TotalMilliseconds / samples, (child.TotalProcessorTime - listeners).TotalMilliseconds / samples);
            var after = ProcessMemory.AfterFullCollection();

            await child.StandardInput.WriteLineAsync("done");
            await done.Task.WaitAsync(TimeSpan.FromSeconds(60));
            var missed = clicked.Sum(p => (long)connections - counts.GetValueOrDefault(p));
            timings.Sort();
            var (workingSet, heap, pinned) = after.PerItemSince(before, connections);
            return new(connections, Percentile(timings, 0.50), Percentile(timings, 0.99), timings.Count > 0 ? timings[^1] : double.NaN,
                missed, closed, workingSet, heap, pinned, serverCpu, listenersCpu, warmUp);
        }
        finally
        {
            if (!child.HasExited) child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync();
        }
    }

    private static TimeSpan ProcessorTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Max(0, (int)Math.Ceiling(sorted.Count * p) - 1)];

    /// <summary><c>dotnet MeetingsApp.dll bench-listeners ...</c>: the same build as this one, as its own process.</summary>
    private static Process Start(Uri address, int connections)
    {
        var start = new ProcessStartInfo("dotnet", [typeof(BenchListeners).Assembly.Location, BenchListeners.Verb, address.ToString(),
            connections.ToString(), .. Listeners])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.Environment["DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS"] = "1";
        return Process.Start(start) ?? throw new InvalidOperationException("The listeners' process did not start.");
    }

    /// <summary>Each connection is a socket at both ends, and each end is in its own process: both need room under the limit.</summary>
    private static void RequireDescriptors(int connections)
    {
        if (!OperatingSystem.IsLinux()) return;
        var line = File.ReadLines("/proc/self/limits").FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal));
        if (line?.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [.., var soft, _, _] && long.TryParse(soft, out var limit) && limit < connections + 1_000)
            throw new InvalidOperationException($"{connections:N0} connections need more open files than this shell allows ({limit:N0}); raise it with `ulimit -n {connections + 1_000}`.");
    }
}
