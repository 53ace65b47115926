using MeetingsApp.Accounts;
using MeetingsApp.Components;
using MeetingsApp.Data;
using MeetingsApp.Demo;
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

        builder.Services.AddMeetingsApp(builder.Configuration);
        builder.Services.AddMudServices();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();

        var app = builder.Build();
        if (!app.Environment.IsDevelopment()) app.UseExceptionHandler("/Error", createScopeForErrors: true);
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapHealthChecks("/health");
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAccountEndpoints();
        app.MapLive();
        app.MapCalendarExport();
        return app;
    }

    /// <summary>Brings the database up to date and, when <c>Demo:Seed</c> is on, writes the demo data (once).</summary>
    public static async Task PrepareAsync(this WebApplication app)
    {
        await app.Services.MigrateDatabaseAsync();
        if (app.Configuration.GetValue("Demo:Seed", false)) await app.Services.SeedDemoDataAsync();
    }
}
