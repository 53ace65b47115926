using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace MeetingsApp.Tests.Data;

/// <summary>The real app host on a fresh database file: migrations at start-up, health, a served page.</summary>
public sealed class AppStartupTests : IAsyncLifetime
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("meetings-app-");
    private WebApplicationFactory<Program> _factory = null!;

    private string DatabasePath => Path.Combine(_folder.FullName, "app.db");

    public ValueTask InitializeAsync()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
            web.UseSetting("ConnectionStrings:Meetings", $"Data Source={DatabasePath}"));
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task OnAFreshDatabase_TheAppMigratesAndAnswersHealthAndHome()
    {
        var client = _factory.CreateClient();

        var health = await client.GetAsync("/health", TestContext.Current.CancellationToken);
        var home = await client.GetStringAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Contains("MeetingsApp", home);
        using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT group_concat(name) FROM (SELECT name FROM sqlite_master WHERE tbl_name = 'events' ORDER BY name)";
        Assert.Equal("event_version_constraint,events,events_no_delete,events_no_update,ix_events_command_id,ix_events_created_at",
            command.ExecuteScalar());
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", command.ExecuteScalar());
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }
}
