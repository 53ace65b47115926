namespace MeetingsApp.Shared;

/// <summary>
/// Which of a page's reads may show its answer: the one started last. Blazor runs a page's events one at a time, but a
/// read awaits the database in between, so an earlier, slower read (of the tab or search just left, of last week, of the
/// meeting navigated away from, of the live change before) could finish after a later one and overwrite its answer.
/// Used on the renderer's synchronisation context only, so it needs no lock.
/// </summary>
public sealed class LatestRead
{
    private int _started;

    /// <summary>Starts a read; ask <see cref="IsLatest"/> with its ticket before showing what it read.</summary>
    public int Start() => ++_started;

    /// <summary>No read was started after the one with <paramref name="ticket"/>.</summary>
    public bool IsLatest(int ticket) => ticket == _started;
}
