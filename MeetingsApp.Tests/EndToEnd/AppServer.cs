using System.Net;
using MeetingsApp.Verbs;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MeetingsApp.Tests.EndToEnd;

/// <summary>The real app on Kestrel at 127.0.0.1 on a free port, over a fresh SQLite file with the demo data.</summary>
public sealed class AppServer : WebApplicationFactory<Program>
{
    /// <summary>
    /// Every test signs in from 127.0.0.1: limits that high let the suite run; a test about the limit starts its own
    /// server with lower ones.
    /// </summary>
    private static readonly Dictionary<string, string?> Defaults = new()
    {
        ["Accounts:RateLimits:SignInsPerMinute"] = "100000",
        ["Accounts:RateLimits:RegistrationsPerHour"] = "100000",
    };

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("meetings-e2e-");
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly string _environment;
    private readonly Action<IServiceCollection>? _services;

    public AppServer() : this(null)
    {
    }

    /// <summary>
    /// A server with <paramref name="settings"/> over the defaults, in <paramref name="environment"/>, and with
    /// <paramref name="services"/> added to the app's (a newer app version's event types, say).
    /// </summary>
    internal AppServer(IReadOnlyDictionary<string, string?>? settings, string environment = "Development", Action<IServiceCollection>? services = null)
    {
        _settings = settings ?? new Dictionary<string, string?>();
        _environment = environment;
        _services = services;
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        StartServer();
    }

    /// <summary>What the app logged at warning level or above, for tests that the app stays quiet.</summary>
    public LogRecorder Logs { get; } = new();

    public string ConnectionString => $"Data Source={Path.Combine(_folder.FullName, "app.db")}";

    /// <summary>The folder holding the database, and the e-mail pickup folder (<c>mail</c>) beside it.</summary>
    public string DataFolder => _folder.FullName;

    public Uri BaseAddress => ClientOptions.BaseAddress;

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Runs <paramref name="command"/> as a demo user through the real handler, then waits until every subscriber has it.</summary>
    public async Task<MeetingsApp.Meetings.CommandResult> RunAsync<TCommand>(string login, TCommand command)
        where TCommand : MeetingsApp.Meetings.IMeetingCommand<TCommand>
    {
        var result = await Get<MeetingsApp.Meetings.MeetingCommandHandler>().HandleAsync(command,
            new MeetingsApp.Meetings.CommandContext(MeetingsApp.Demo.DemoData.Id($"user:{login}"), Guid.NewGuid()));
        if (!result.Succeeded) throw new InvalidOperationException($"{typeof(TCommand).Name} by {login} was refused: {result.Error!.Message}");
        await Get<MeetingsApp.EventStore.Subscriptions.SubscriptionHost<MeetingsApp.Data.AppDbContext>>()
            .WaitForAsync(result.Appended!.LastPosition, TimeSpan.FromSeconds(20));
        return result;
    }

    /// <summary>A client that keeps cookies and shows redirects instead of following them.</summary>
    public HttpClient CreateBrowserlessClient() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = BaseAddress };

    public Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password, string? returnUrl = null) =>
        client.SignInAsync(email, password, returnUrl);

    /// <summary>A signed-in client for a demo user, with its cookies at hand (for a SignalR connection too).</summary>
    public async Task<(HttpClient Client, CookieContainer Cookies)> SignedInClientAsync(string login)
    {
        var cookies = new CookieContainer();
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = BaseAddress };
        var response = await SignInAsync(client, $"{login}@example.com", MeetingsApp.Demo.DemoData.Password);
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"{login} could not sign in: {response.StatusCode}");
        return (client, cookies);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        builder.UseSetting("ConnectionStrings:Meetings", ConnectionString);
        builder.UseSetting("Demo:Seed", "true");
        foreach (var (key, value) in Defaults.Concat(_settings)) builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        // Open circuits would hold every test's shutdown for the default 30 s.
        builder.ConfigureServices(services =>
        {
            services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(1));
            _services?.Invoke(services);
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearPool(new SqliteConnection(ConnectionString));
        _folder.Delete(recursive: true);
    }
}
