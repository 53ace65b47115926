using MeetingsApp.Accounts;
using MeetingsApp.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.JSInterop;
using MudBlazor;

namespace MeetingsApp.Components.Layout;

/// <summary>
/// The frame of every page: app bar, navigation, the one <c>main</c> landmark, the theme and its dark mode. The
/// dark-mode choice lives in a cookie, so the server renders it already in the first HTML (no light flash on
/// load) and on the statically rendered sign-in pages too.
/// </summary>
public sealed partial class MainLayout
{
    public const string DarkModeCookie = "meetings.theme";

    private const string OutlinedButton = "mud-button-root mud-button mud-button-outlined mud-button-outlined-inherit mud-button-outlined-size-small mud-ripple";

    private bool _interactive;
    private bool _drawerOpen = true;
    private TimeZoneInfo _timeZone = TimeZoneInfo.Utc;
    private bool _zoneKnown;
    private SignedInUser? _me;
    private IJSObjectReference? _browser;

    [Inject] private IJSRuntime JS { get; set; } = null!;

    [Inject] private SessionStatus Session { get; set; } = null!;

    [Inject] private Profiles Profiles { get; set; } = null!;

    [CascadingParameter] private Task<AuthenticationState>? Auth { get; set; }

    [Inject] private NavigationManager Navigation { get; set; } = null!;

    /// <summary>Present while rendering on the server (static pages and prerendering), absent over the circuit.</summary>
    [CascadingParameter] private HttpContext? HttpContext { get; set; }

    /// <summary>Read from the cookie while prerendering and carried into the circuit, so its first render agrees.</summary>
    [PersistentState] public bool DarkMode { get; set; }

    private string DarkModeIcon => DarkMode ? Icons.Material.Filled.LightMode : Icons.Material.Filled.DarkMode;

    private static string DarkModeLabel => "Dark mode";

    private string DarkModePressed => DarkMode ? "true" : "false";

    /// <summary>
    /// Live for clicks: once the circuit runs, or at once on a page that never gets one (the statically rendered
    /// account pages, such as the password change), where the form posts as plain HTML.
    /// </summary>
    private bool Ready => _interactive || HttpContext is not null && !HttpContext.AcceptsInteractiveRouting();

    private string SkipLinkHref => $"{Navigation.ToBaseRelativePath(Navigation.Uri).Split('#')[0]}#main";

    protected override async Task OnInitializedAsync()
    {
        if (HttpContext is not null) DarkMode = HttpContext.Request.Cookies[DarkModeCookie] == "dark";
        Session.Changed += OnSessionChanged;
        // Who is signed in, before the first render of the page (the state is known by now), so no page starts without it.
        _me = Auth is null ? null : SignedInUser.Of((await Auth).User);
        // The person's own zone, so the prerendered HTML already shows their local times.
        if (_me is not null && (await Profiles.GetAsync(_me.Id))?.TimeZone is { } zone) (_timeZone, _zoneKnown) = (Times.FindZone(zone), true);
    }

    // The page goes, and with it every use of the signed-in user: only the notice that the session ended is rendered.
    private void OnSessionChanged() => _ = InvokeAsync(StateHasChanged);

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || !RendererInfo.IsInteractive) return;
        _browser = await JS.InvokeAsync<IJSObjectReference>("import", "./js/app.js");
        if (!_zoneKnown)
        {
            // Someone who never told us (signed out, or an account from before zones were kept): the browser's, kept for next time.
            var browserZone = await _browser.InvokeAsync<string>("timeZone");
            _timeZone = Times.FindZone(browserZone);
            if (_me is not null) await Profiles.RememberFirstZoneAsync(_me.Id, browserZone);
        }
        // Where no prerendered state reached the circuit (a page shown for a status code), the cookie still decides.
        DarkMode = await _browser.InvokeAsync<bool>("loadDarkMode");
        _interactive = true;
        StateHasChanged();
    }

    private async Task ToggleDarkModeAsync()
    {
        DarkMode = !DarkMode;
        if (_browser is not null) await _browser.InvokeVoidAsync("saveDarkMode", DarkMode);
    }

    /// <summary>The static form's answer: set the cookie and show the same page again (post, redirect, get).</summary>
    private void ToggleDarkModeStatically()
    {
        DarkMode = !DarkMode;
        HttpContext?.Response.Cookies.Append(DarkModeCookie, DarkMode ? "dark" : "light",
            new CookieOptions { Path = "/", MaxAge = TimeSpan.FromDays(365), SameSite = SameSiteMode.Lax, IsEssential = true });
        Navigation.NavigateTo(Navigation.Uri, forceLoad: true);
    }

    public async ValueTask DisposeAsync()
    {
        Session.Changed -= OnSessionChanged;
        try
        {
            if (_browser is not null) await _browser.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The tab is gone.
        }
    }
}
