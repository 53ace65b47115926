using System.Runtime.CompilerServices;

namespace MeetingsApp.Tests;

internal static class TestRun
{
    /// <summary>
    /// The suite runs many app instances, browsers and SQLite files side by side in one process on two cores.
    /// SQLite's calls block their thread while waiting for another writer, so the pool's default (one thread per
    /// core, then one more every half second) starves under that load; start it with enough threads.
    /// </summary>
    [ModuleInitializer]
    internal static void GiveThePoolRoom() => ThreadPool.SetMinThreads(128, 128);
}
