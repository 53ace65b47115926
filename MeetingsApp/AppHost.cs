using MeetingsApp.Accounts;
using MeetingsApp.Components;
using MeetingsApp.Data;
using MeetingsApp.Demo;
using MeetingsApp.Email;
using MeetingsApp.Live;
using MeetingsApp.Meetings;
using MudBlazor.Services;

namespace MeetingsApp;

/// <summary>The web app, composed: shared by <c>Program</c> and the verbs that need the whole app (bench, rebuild).</summary>
public static class AppHost
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Configuration.UseRepositorySettings();

        builder.Services.AddMeetingsApp(builder.Configuration).AddEmailDelivery(builder.Configuration);
        builder.Services.AddWebEdge(builder.Configuration).AddSignInRateLimits();
        builder.Services.AddMudServices();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, ClosedTabGuard>();
        ClosedTabLogging.AddClosedTabLogging(builder.Services);

        var app = builder.Build();
        app.UseWebEdge();
        if (!app.Environment.IsDevelopment()) app.UseExceptionHandler("/Error", createScopeForErrors: true);
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseRateLimiter();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapHealthChecks("/health");
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAccountEndpoints();
        app.MapLive();
        app.MapCalendarExport();
        return app;
    }

    /// <summary>Brings the database up to date and, where <see cref="ShouldSeedDemo"/> says so, writes the demo data (once).</summary>
    public static async Task PrepareAsync(this WebApplication app)
    {
        await app.Services.MigrateDatabaseAsync();
        if (!ShouldSeedDemo(app.Configuration, app.Environment)) return;
        if (!app.Environment.IsDevelopment())
            app.Logger.LogWarning("Demo:Seed is on in {Environment}: the demo users, with the password printed in README.md, can sign in here",
                app.Environment.EnvironmentName);
        await app.Services.SeedDemoDataAsync();
    }

    /// <summary>
    /// The demo users have a published password, so they exist only in Development (what <c>dotnet run</c> uses) or
    /// where an operator sets <c>Demo:Seed=true</c> explicitly; <c>Demo:Seed=false</c> turns them off in Development.
    /// </summary>
    public static bool ShouldSeedDemo(IConfiguration configuration, IHostEnvironment environment) =>
        configuration.GetValue<bool?>("Demo:Seed") ?? environment.IsDevelopment();
}
