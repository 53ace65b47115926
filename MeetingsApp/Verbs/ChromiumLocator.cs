namespace MeetingsApp.Verbs;

/// <summary>
/// Finds Chromium, for the browser tests and <c>bench --browser</c>, the way people have it: a path in <c>MEETINGS_CHROMIUM</c> (which, when set, is the only place
/// looked at), Debian's <c>/usr/bin/chromium</c>, or <c>chromium</c>, <c>chromium-browser</c>, <c>google-chrome</c>
/// on the PATH. Test tools cannot download a browser of their own here, so there is no other way.
/// </summary>
public static class ChromiumLocator
{
    public const string Variable = "MEETINGS_CHROMIUM";
    public const string Debian = "/usr/bin/chromium";
    private static readonly string[] Names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

    /// <summary>The executable, or null and why none was found.</summary>
    public static (string? Path, string Why) Find() =>
        Find(Environment.GetEnvironmentVariable(Variable), Environment.GetEnvironmentVariable("PATH"), Debian);

    public static (string? Path, string Why) Find(string? configured, string? searchPath, string debian)
    {
        if (!string.IsNullOrWhiteSpace(configured))
            return IsExecutable(configured) ? (configured, "") : (null, $"{Variable} is {configured}, which is not an executable file.");
        if (IsExecutable(debian)) return (debian, "");
        var folders = (searchPath ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var found = Names.SelectMany(name => folders.Select(folder => Path.Combine(folder, name))).FirstOrDefault(IsExecutable);
        return found is not null ? (found, "")
            : (null, $"no Chromium at {debian}, no {string.Join(", ", Names)} on the PATH, and {Variable} is not set.");
    }

    private static bool IsExecutable(string path) =>
        File.Exists(path) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0);
}
