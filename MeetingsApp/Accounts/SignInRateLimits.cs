using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace MeetingsApp.Accounts;

/// <summary><c>Accounts:RateLimits</c>: form posts allowed per client address (after a trusted proxy's X-Forwarded-For).</summary>
/// <remarks><see cref="RegistrationsPerHour"/> counts registrations and requests for a new confirmation link together.</remarks>
public sealed class RateLimitOptions
{
    public int SignInsPerMinute { get; set; } = 10;

    public int RegistrationsPerHour { get; set; } = 5;
}

/// <summary>
/// ASP.NET Core's rate limiter on the sign-in and registration posts, per client address: guessing passwords, or
/// locking other people's accounts with five wrong ones, is slow work. The lockout stays as it is behind it.
/// Everything else passes unlimited.
/// </summary>
public static class SignInRateLimits
{
    public static IServiceCollection AddSignInRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration("Accounts:RateLimits");
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptionsMonitor<RateLimitOptions>>((limiter, limits) =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => Partition(http, limits.CurrentValue));
            limiter.OnRejected = RejectAsync;
        });
        return services;
    }

    private static RateLimitPartition<string> Partition(HttpContext http, RateLimitOptions limits)
    {
        if (!HttpMethods.IsPost(http.Request.Method)) return RateLimitPartition.GetNoLimiter("");
        var client = http.Connection.RemoteIpAddress?.ToString() ?? IPAddress.None.ToString();
        var path = http.Request.Path;
        if (path.Equals(SignInPath, StringComparison.OrdinalIgnoreCase))
            return Window($"sign-in {client}", limits.SignInsPerMinute, WindowOf(path));
        // Both forms send a mail to the address typed: one budget for the two, so neither is a way around the other.
        if (IsMailingForm(path)) return Window($"register {client}", limits.RegistrationsPerHour, WindowOf(path));
        return RateLimitPartition.GetNoLimiter("");
    }

    private const string SignInPath = "/Account/Login";
    private const int Segments = 6;

    private static bool IsMailingForm(PathString path) =>
        path.Equals("/Account/Register", StringComparison.OrdinalIgnoreCase)
        || path.Equals("/Account/ResendEmailConfirmation", StringComparison.OrdinalIgnoreCase);

    private static TimeSpan WindowOf(PathString path) => IsMailingForm(path) ? TimeSpan.FromHours(1) : TimeSpan.FromMinutes(1);

    private static RateLimitPartition<string> Window(string key, int permits, TimeSpan window) =>
        RateLimitPartition.GetSlidingWindowLimiter(key, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, permits), Window = window, SegmentsPerWindow = Segments, QueueLimit = 0,
        });

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken ct)
    {
        var response = context.HttpContext.Response;
        // A sliding window frees permits segment by segment (and says nothing itself): the next may come one segment on.
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after
            : WindowOf(context.HttpContext.Request.Path) / Segments;
        response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        response.ContentType = "text/html; charset=utf-8";
        await response.WriteAsync("""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Too many attempts · MeetingsApp</title>
            <link rel="stylesheet" href="/app.css"></head>
            <body><main class="account-card"><h1>Too many attempts</h1>
            <p>There were too many sign-in or registration attempts from your network just now. Wait a minute, then
            <a href="/Account/Login">try again</a>.</p></main></body></html>
            """, ct);
    }
}
