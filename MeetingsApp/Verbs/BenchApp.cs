using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace MeetingsApp.Verbs;

/// <summary>
/// The whole app with the demo data on Kestrel at 127.0.0.1 (a port it picks), over a fresh database of the bench, for
/// the live rows: <see cref="BenchLive"/>, <see cref="BenchConnections"/>, <see cref="BenchBrowser"/>.
/// </summary>
internal sealed class BenchApp(WebApplication app, Uri address) : IAsyncDisposable
{
    public Uri Address => address;

    public T Get<T>() where T : notnull => app.Services.GetRequiredService<T>();

    public static async Task<BenchApp> StartAsync(BenchDatabase database, string name)
    {
        var app = AppHost.Build(["--urls", "http://127.0.0.1:0", "--Database:Provider", database.Provider.Name,
            "--ConnectionStrings:Meetings", await database.CreateAsync(name), "--Demo:Seed", "true",
            // A built (not published) app serves MudBlazor's _content/ only in Development; the bench runs from the build.
            "--environment", "Development",
            // Its static assets are listed under the app's name, also when a test process hosts it.
            "--applicationName", typeof(AppHost).Assembly.GetName().Name!,
            "--Logging:LogLevel:Default", "Warning", "--Logging:LogLevel:Microsoft.EntityFrameworkCore.Migrations", "Error",
            "--Logging:LogLevel:Microsoft.AspNetCore.DataProtection", "Error",
            // Every client of the bench signs in from 127.0.0.1.
            "--Accounts:RateLimits:SignInsPerMinute", "100000",
            // Open tabs would otherwise hold the shutdown for 30 s.
            "--HostOptions:ShutdownTimeout", "00:00:02"]);
        await app.PrepareAsync();
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return new BenchApp(app, address);
    }

    public Task<CookieContainer> SignInAsync(string login) => HttpSignIn.SignInDemoUserAsync(address, login);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

/// <summary>This process's memory after a full, compacting collection: resident set, managed heap, and the heap's pinned part.</summary>
internal readonly record struct ProcessMemory(long WorkingSet, long Heap, long Pinned)
{
    public static ProcessMemory AfterFullCollection()
    {
        for (var i = 0; i < 2; i++) // the second pass collects what the first one's finalizers let go
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        var info = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        using var process = Process.GetCurrentProcess();
        // Generation 4 is the pinned object heap, where Kestrel's and SignalR's socket buffers live.
        return new(process.WorkingSet64, GC.GetTotalMemory(forceFullCollection: false), info.GenerationInfo[4].SizeAfterBytes);
    }

    /// <summary>What each of <paramref name="count"/> things added since <paramref name="before"/>, in KiB.</summary>
    public (double WorkingSet, double Heap, double Pinned) PerItemSince(ProcessMemory before, int count) =>
        ((WorkingSet - before.WorkingSet) / 1024.0 / count, (Heap - before.Heap) / 1024.0 / count, (Pinned - before.Pinned) / 1024.0 / count);
}
