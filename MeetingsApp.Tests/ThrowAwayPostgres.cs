using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MeetingsApp.Tests;

/// <summary>
/// A PostgreSQL cluster of the test run's own, made with Debian's binaries (<c>/usr/lib/postgresql/N/bin</c>) on a free
/// port, as <c>.ci/run</c> makes one: for a developer who has PostgreSQL installed but no server set up. It lives in a
/// temporary folder and is removed when the run ends; one left behind by a killed run is removed by the next.
/// </summary>
internal sealed class ThrowAwayPostgres
{
    private const string FolderPrefix = "meetings-test-pg-";
    private readonly string _bin;
    private readonly string _folder;

    private ThrowAwayPostgres(string bin, string folder, int port) => (_bin, _folder, Port) = (bin, folder, port);

    public int Port { get; }

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Timeout=5";

    /// <summary>The newest installed version's bin folder, if PostgreSQL is installed.</summary>
    public static string? FindBinaries() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb")) && File.Exists(Path.Combine(bin, "pg_ctl")))
                .OrderBy(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var version) ? version : 0).LastOrDefault()
            : null;

    public static async Task<ThrowAwayPostgres> StartAsync(string bin)
    {
        await RemoveAbandonedAsync(bin);
        var folder = Directory.CreateTempSubdirectory(FolderPrefix).FullName;
        var server = new ThrowAwayPostgres(bin, folder, FreePort());
        await File.WriteAllTextAsync(Path.Combine(folder, "owner.pid"), Environment.ProcessId.ToString());
        try
        {
            // PostgreSQL refuses to run as root: then its folders belong to, and its programs run as, the postgres user.
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
            if (IsRoot) await RunAsync("chown", ["postgres:postgres", folder]);
            await server.PgAsync("initdb", $"-D {folder}/data -U postgres -A trust -E UTF8 --no-locale --no-sync");
            await server.PgAsync("pg_ctl", $"-D {folder}/data -l {folder}/server.log -w -t 60 -o \"-p {server.Port} -k {folder} " +
                "-c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off\" start");
        }
        catch
        {
            await server.StopAsync();
            throw;
        }
        return server;
    }

    public async Task StopAsync()
    {
        if (Directory.Exists(Path.Combine(_folder, "data")))
        {
            try
            {
                await PgAsync("pg_ctl", $"-D {_folder}/data -m immediate -w stop");
            }
            catch (InvalidOperationException)
            {
                // It was not running (a failed start): nothing to stop, the folder still goes.
            }
        }
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Clusters whose test run was killed before it could stop them.</summary>
    private static async Task RemoveAbandonedAsync(string bin)
    {
        foreach (var folder in Directory.GetDirectories(Path.GetTempPath(), FolderPrefix + "*"))
        {
            var owner = Path.Combine(folder, "owner.pid");
            if (!File.Exists(owner) || !int.TryParse(await File.ReadAllTextAsync(owner), out var pid) || IsAlive(pid)) continue;
            await new ThrowAwayPostgres(bin, folder, 0).StopAsync();
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private Task PgAsync(string program, string arguments)
    {
        var command = $"{Path.Combine(_bin, program)} {arguments}";
        return IsRoot ? RunAsync("su", ["postgres", "-s", "/bin/sh", "-c", command]) : RunAsync("/bin/sh", ["-c", command]);
    }

    private static async Task RunAsync(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await errors}{await output}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool IsRoot => Environment.UserName == "root";
}
