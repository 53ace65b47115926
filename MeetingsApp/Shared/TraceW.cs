namespace MeetingsApp.Shared;
public static class TraceW
{
    public static readonly long[] Sum = new long[16];
    public static readonly long[] Count = new long[16];
    public static void Add(int i, long ticks) { System.Threading.Interlocked.Add(ref Sum[i], ticks); System.Threading.Interlocked.Increment(ref Count[i]); }
    public static void Reset() { System.Array.Clear(Sum); System.Array.Clear(Count); }
    public static string Dump() => string.Join(" ", System.Linq.Enumerable.Range(0, 16).Where(i => Count[i] > 0).Select(i => $"[{i}] {Sum[i] * 1e6 / System.Diagnostics.Stopwatch.Frequency / Count[i]:F0}us x{Count[i]}"));
}
