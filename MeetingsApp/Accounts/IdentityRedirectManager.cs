using Microsoft.AspNetCore.Components;

namespace MeetingsApp.Accounts;

/// <summary>Redirects from the statically rendered account pages, refusing to leave the site.</summary>
internal sealed class IdentityRedirectManager(NavigationManager navigationManager)
{
    private static readonly Uri Origin = new("http://local.invalid/");

    public void RedirectTo(string? uri) => navigationManager.NavigateTo(LocalPath(uri) ?? navigationManager.ToBaseRelativePath(navigationManager.BaseUri));

    /// <summary>
    /// <paramref name="uri"/> as a path on this site, percent-encoded (a Location header takes ASCII only, and "/café"
    /// would otherwise fail the response after a correct password); null for anything that could leave the site.
    /// </summary>
    public static string? LocalPath(string? uri)
    {
        if (string.IsNullOrEmpty(uri) || uri.StartsWith("//", StringComparison.Ordinal) || uri.StartsWith("/\\", StringComparison.Ordinal)
            || uri.StartsWith('\\')) return null;
        if (!Uri.TryCreate(Origin, uri, out var resolved) || resolved.Authority != Origin.Authority) return null;
        // AbsoluteUri is escaped: non-ASCII becomes UTF-8 percent-encoding, control characters are escaped too.
        return resolved.AbsoluteUri[Origin.AbsoluteUri.Length..];
    }
}
