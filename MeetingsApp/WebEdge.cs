using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace MeetingsApp;

/// <summary><c>Proxy</c> in the configuration: the TLS-terminating proxies whose X-Forwarded-* headers are believed.</summary>
public sealed class ProxyOptions
{
    /// <summary>Addresses of trusted proxies, besides loopback (which ASP.NET Core trusts already).</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of trusted proxies in CIDR notation, e.g. <c>10.0.0.0/8</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];
}

/// <summary>
/// What every response carries, and how the app learns the client's scheme and address behind a TLS proxy (so
/// cookies get <c>Secure</c>, HSTS is sent, and rate limits count real clients, not the proxy).
/// </summary>
public static class WebEdge
{
    /// <summary>
    /// The narrowest policy the pages pass in Chromium (EndToEnd/ContentSecurityPolicyTests): scripts only from the app
    /// itself, no inline script and no eval (Blazor Server needs neither; the import map, the one inline script Blazor
    /// renders, is left out of App.razor). MudBlazor sets style attributes and writes its theme into a style element,
    /// so styles need 'unsafe-inline'; the circuit's WebSocket is same-origin, which 'self' covers.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IServiceCollection AddWebEdge(this IServiceCollection services, IConfiguration configuration)
    {
        var proxy = configuration.GetSection("Proxy").Get<ProxyOptions>() ?? new();
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var address in proxy.KnownProxies) options.KnownProxies.Add(IPAddress.Parse(address));
            foreach (var network in proxy.KnownNetworks) options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });
        services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(180));
        return services;
    }

    /// <summary>First in the pipeline: everything after it sees the client's scheme and address.</summary>
    public static WebApplication UseWebEdge(this WebApplication app)
    {
        app.UseForwardedHeaders();
        // Browsers remember HSTS per host; on a developer's localhost that would outlive the run.
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        app.Use((context, next) =>
        {
            // Set as the response starts, so error pages and re-executed status pages carry them too.
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "same-origin";
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XFrameOptions = "DENY";
                // A calendar file names its participants and their e-mail addresses: never keep it in a shared cache.
                if (context.Response.ContentType?.StartsWith("text/calendar", StringComparison.OrdinalIgnoreCase) == true)
                    headers.CacheControl = "private, no-store";
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }
}
