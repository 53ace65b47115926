using MeetingsApp.Data;
using Microsoft.EntityFrameworkCore;

namespace MeetingsApp.Accounts;

/// <summary>A person's own settings: where they are (their time zone) and whether e-mail reaches them.</summary>
public sealed record Profile(
    string Email, bool EmailConfirmed, string? TimeZone, bool EmailNotifications, WorkDays WorkDays, TimeOnly WorkStart, TimeOnly WorkEnd);

/// <summary>What the profile page saves, all together.</summary>
public sealed record ProfileSettings(string? TimeZone, bool EmailNotifications, WorkDays WorkDays, TimeOnly WorkStart, TimeOnly WorkEnd);

/// <summary>Why a profile was not saved: what is wrong with the zone, and with the working hours.</summary>
public sealed record ProfileProblems(string? Zone, string? Hours);

/// <summary>Reads and changes a user's own profile; the rules for what may be saved live here, for every caller.</summary>
public sealed class Profiles(IDbContextFactory<AppDbContext> contexts)
{
    public async Task<Profile?> GetAsync(Guid userId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new Profile(u.Email!, u.EmailConfirmed, u.TimeZone, u.EmailNotifications, u.WorkDays, u.WorkStart, u.WorkEnd))
            .SingleOrDefaultAsync(ct);
    }

    /// <summary>An IANA zone this machine knows (Europe/Berlin, America/New_York, UTC ...), or null.</summary>
    public static string? KnownZone(string? id) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out var zone) && zone.HasIanaId ? zone.Id : null;

    public const string UnknownZone = "Choose a time zone from the list, such as Europe/Berlin.";

    /// <summary>
    /// Saves every setting in one statement, or, when the zone is unknown or the hours make no sense, nothing: returns why not,
    /// for each field that is wrong.
    /// </summary>
    public async Task<ProfileProblems?> SaveAsync(Guid userId, ProfileSettings settings, CancellationToken ct = default)
    {
        var zone = KnownZone(settings.TimeZone);
        var problems = new ProfileProblems(zone is null ? UnknownZone : null, WorkingHours.Problem(settings.WorkDays, settings.WorkStart, settings.WorkEnd));
        if (problems is { Zone: not null } or { Hours: not null }) return problems;
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.TimeZone, zone).SetProperty(u => u.EmailNotifications, settings.EmailNotifications)
            .SetProperty(u => u.WorkDays, settings.WorkDays).SetProperty(u => u.WorkStart, settings.WorkStart).SetProperty(u => u.WorkEnd, settings.WorkEnd), ct);
        return null;
    }

    /// <summary>Each person's working hours in their own zone (UTC for someone whose browser never told one).</summary>
    public async Task<IReadOnlyDictionary<Guid, WorkingHours>> WorkingHoursAsync(IReadOnlyCollection<Guid> userIds, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id))
            .Select(u => new { u.Id, u.TimeZone, u.WorkDays, u.WorkStart, u.WorkEnd }).ToListAsync(ct);
        return rows.ToDictionary(u => u.Id, u => new WorkingHours(
            KnownZone(u.TimeZone) is { } zone ? TimeZoneInfo.FindSystemTimeZoneById(zone) : TimeZoneInfo.Utc, u.WorkDays, u.WorkStart, u.WorkEnd));
    }

    /// <summary>The zone the browser reported at sign-in or registration, kept only if the person has none yet.</summary>
    public async Task RememberFirstZoneAsync(Guid userId, string? browserZone, CancellationToken ct = default)
    {
        if (KnownZone(browserZone) is not { } zone) return;
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Users.Where(u => u.Id == userId && u.TimeZone == null).ExecuteUpdateAsync(s => s.SetProperty(u => u.TimeZone, zone), ct);
    }
}
