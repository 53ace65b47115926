using MeetingsApp;
using MeetingsApp.Accounts;
using MeetingsApp.Components;
using MeetingsApp.Data;
using MeetingsApp.Demo;
using MeetingsApp.EventStore;
using MeetingsApp.Live;
using MeetingsApp.Meetings;
using MeetingsApp.Timeline;
using MeetingsApp.Verbs;
using MudBlazor.Services;

if (args is ["bench", ..]) return await BenchVerb.RunAsync(args[1..]);

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.UseRepositorySettings();

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddDatabase(builder.Configuration).AddEventStore<AppDbContext>().AddSubscriptions<AppDbContext>()
    .AddMeetings().AddTimeline().AddAccounts().AddLive();
builder.Services.AddMudServices();
builder.Services.AddRazorComponents().AddInteractiveServerComponents();

var app = builder.Build();
await app.Services.MigrateDatabaseAsync();
if (app.Configuration.GetValue("Demo:Seed", false)) await app.Services.SeedDemoDataAsync();

if (!app.Environment.IsDevelopment()) app.UseExceptionHandler("/Error", createScopeForErrors: true);
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseAntiforgery();
app.MapStaticAssets();
app.MapHealthChecks("/health");
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.MapAccountEndpoints();
app.MapLive();

await app.RunAsync();
return 0;
