using MeetingsApp.Verbs;

namespace MeetingsApp.Tests.EndToEnd;

/// <summary>Where the browser tests look for Chromium, on real files in a folder of the test's own.</summary>
public sealed class ChromiumLocatorTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("meetings-chromium-");

    private string Executable(string name, bool executable = true)
    {
        var path = Path.Combine(_folder.FullName, name);
        File.WriteAllText(path, "#!/bin/sh\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, executable ? (UnixFileMode)0b111_101_101 : (UnixFileMode)0b110_100_100);
        return path;
    }

    private string Nowhere => Path.Combine(_folder.FullName, "absent");

    [Fact]
    public void GoogleChromeOnThePath_IsFound_WhenDebiansChromiumIsMissing()
    {
        var chrome = Executable("google-chrome");
        Assert.Equal(chrome, ChromiumLocator.Find(null, $"{Nowhere}{Path.PathSeparator}{_folder.FullName}", Nowhere).Path);
    }

    [Fact]
    public void DebiansChromium_ComesBeforeThePath()
    {
        Executable("chromium-browser");
        var debian = Executable("debian-chromium");
        Assert.Equal(debian, ChromiumLocator.Find("", _folder.FullName, debian).Path);
    }

    [Fact]
    public void TheVariable_IsTheOnlyPlaceLookedAt_WhenSet()
    {
        var onPath = Executable("chromium");
        var (path, why) = ChromiumLocator.Find(Nowhere, _folder.FullName, onPath);
        Assert.Null(path);
        Assert.Contains($"{ChromiumLocator.Variable} is {Nowhere}", why);
    }

    [Fact]
    public void AFileThatCannotRun_DoesNotCount()
    {
        Executable("chromium", executable: false);
        var (path, why) = ChromiumLocator.Find(null, _folder.FullName, Nowhere);
        Assert.Null(path);
        Assert.Contains("google-chrome", why);
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
