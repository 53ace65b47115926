using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using MeetingsApp.Accounts;
using MeetingsApp.Data;
using MeetingsApp.Demo;
using MeetingsApp.EventStore;
using MeetingsApp.EventStore.Subscriptions;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace MeetingsApp.Tests;

/// <summary>
/// Component tests: one BunitContext with MudBlazor registered, backed by the app's real services over a SQLite file
/// holding the demo history, its projections caught up. Components run as the demo user a test signs in.
/// </summary>
public abstract class BunitTest : DatabaseTest
{
    protected BunitContext Ctx { get; private set; } = null!;

    // Real time here: MudBlazor's debounced inputs run on the system clock, and the form and the validator must agree.
    protected override void Configure(IServiceCollection services) { }

    protected override async ValueTask SetUpAsync()
    {
        await Services.Provider.SeedDemoDataAsync();
        await Services.StartSubscriptionsAsync();
        await CaughtUpAsync();
        Ctx = new BunitContext();
        Ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        Ctx.Services.AddMudServices();
        Ctx.Services.AddFallbackServiceProvider(Services.Provider);
    }

    protected async Task CaughtUpAsync() =>
        await Services.Get<SubscriptionHost<AppDbContext>>().WaitForAsync(await Services.Get<IEventStore>().ReadHeadAsync(), TimeSpan.FromSeconds(20));

    /// <summary>Components from here on see <paramref name="login"/> signed in; the result can sign them out again.</summary>
    protected BunitAuthorizationContext SignIn(string login)
    {
        var auth = Ctx.AddAuthorization();
        auth.SetAuthorized($"{login}@example.com");
        var id = new Claim(ClaimTypes.NameIdentifier, DemoData.Id($"user:{login}").ToString());
        auth.SetClaims(id);
        // What the layout cascades in the app: pages rendered here have no layout around them.
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, $"{login}@example.com"), id], "bunit"));
        Ctx.Services.AddCascadingValue(_ => SignedInUser.Of(principal)!);
        return auth;
    }

    protected override async ValueTask TearDownAsync() => await Ctx.DisposeAsync();
}
