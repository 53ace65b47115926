using Microsoft.AspNetCore.Components;

namespace MeetingsApp.Accounts;

/// <summary>Redirects from the statically rendered account pages, refusing to leave the site.</summary>
internal sealed class IdentityRedirectManager(NavigationManager navigationManager)
{
    public void RedirectTo(string? uri)
    {
        uri ??= "";
        // Only local paths: a crafted returnUrl must not send a freshly signed-in user elsewhere.
        if (!Uri.IsWellFormedUriString(uri, UriKind.Relative) || uri.StartsWith("//", StringComparison.Ordinal) || uri.StartsWith("/\\", StringComparison.Ordinal))
            uri = navigationManager.ToBaseRelativePath(navigationManager.BaseUri);
        navigationManager.NavigateTo(uri);
    }
}
