namespace MeetingsApp.Tests.Architecture;

/// <summary>
/// The shape DESIGN.md asks for, checked on the compiled app: the event store is a layer of its own, and feature
/// folders use each other one way only, apart from the one shared <c>AppDbContext</c> in Data, which maps every
/// feature's tables.
/// </summary>
public sealed class LayeringTests
{
    private static readonly IReadOnlyDictionary<string, Dictionary<string, string>> Uses = FeatureDependencies.Read();

    [Fact]
    public void TheEventStore_UsesNothingOutsideItself()
    {
        Assert.Contains("EventStore", Uses.Keys);
        Assert.Empty(Uses["EventStore"].Values);
    }

    [Fact]
    public void FeatureFolders_UseEachOtherOneWayOnly()
    {
        var graph = Uses.ToDictionary(f => f.Key, f => f.Value.Keys.Where(to => to != "Data").ToHashSet());
        var cycles = new List<string>();
        foreach (var (from, targets) in graph)
        {
            foreach (var to in targets)
            {
                if (string.CompareOrdinal(from, to) < 0 && Reaches(graph, to, from) is { } back)
                    cycles.Add($"{from} -> {to} ({Uses[from][to]}) and back: {string.Join(" -> ", back)} ({Uses[back[^2]][back[^1]]})");
            }
        }
        Assert.True(cycles.Count == 0, string.Join(Environment.NewLine, cycles));
    }

    /// <summary>A path of features from <paramref name="start"/> to <paramref name="goal"/>, or null.</summary>
    private static List<string>? Reaches(Dictionary<string, HashSet<string>> graph, string start, string goal)
    {
        var cameFrom = new Dictionary<string, string> { [start] = start };
        var queue = new Queue<string>([start]);
        while (queue.TryDequeue(out var at))
        {
            if (at == goal)
            {
                var path = new List<string> { at };
                while (path[0] != start) path.Insert(0, cameFrom[path[0]]);
                return path;
            }
            foreach (var next in graph.GetValueOrDefault(at, []))
                if (cameFrom.TryAdd(next, at)) queue.Enqueue(next);
        }
        return null;
    }
}
