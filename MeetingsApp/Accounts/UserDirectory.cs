using System.Collections.Concurrent;
using MeetingsApp.Data;
using MeetingsApp.Shared;
using Microsoft.EntityFrameworkCore;

namespace MeetingsApp.Accounts;

/// <summary>A registered user as others see them.</summary>
public sealed record UserSummary(Guid Id, string DisplayName, string Email);

/// <summary>Finds registered users: for the invitee picker, for names on pages, and to check invitees exist.</summary>
public sealed class UserDirectory(IDbContextFactory<AppDbContext> contexts) : IUserDirectory
{
    /// <summary>A picker shows a handful of matches to a typed name, never a list of everyone.</summary>
    public const int MaxResults = 8;

    public const int MinTermLength = 2;

    // Users are never deleted, so once seen a user id stays valid: checking invitees then costs no query.
    private readonly ConcurrentDictionary<Guid, bool> _known = new();

    /// <summary>
    /// Up to <see cref="MaxResults"/> users whose name or e-mail contains <paramref name="term"/> (case-insensitive), by
    /// name; nothing for fewer than <see cref="MinTermLength"/> typed characters, so no one can page through everyone.
    /// </summary>
    public async Task<IReadOnlyList<UserSummary>> SearchAsync(string? term, CancellationToken ct = default)
    {
        term = term?.Trim();
        if (term is null || term.Length < MinTermLength) return [];
        var pattern = $"%{SearchText.Normalize(term).Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_")}%";
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Users.AsNoTracking()
            .Where(u => EF.Functions.Like(u.NormalizedDisplayName, pattern, "\\") || EF.Functions.Like(u.NormalizedEmail!, pattern, "\\"))
            .OrderBy(u => u.DisplayName).Take(MaxResults)
            .Select(u => new UserSummary(u.Id, u.DisplayName, u.Email!)).ToListAsync(ct);
    }

    /// <summary>The user with exactly this e-mail address (case-insensitive), or null.</summary>
    public async Task<UserSummary?> FindByEmailAsync(string email, CancellationToken ct = default)
    {
        var normalized = email.Trim().ToUpperInvariant();
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalized)
            .Select(u => new UserSummary(u.Id, u.DisplayName, u.Email!)).FirstOrDefaultAsync(ct);
    }

    public async Task<IReadOnlyDictionary<Guid, UserSummary>> GetAsync(IEnumerable<Guid> ids, CancellationToken ct = default)
    {
        var wanted = ids.Distinct().ToList();
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Users.AsNoTracking().Where(u => wanted.Contains(u.Id))
            .Select(u => new UserSummary(u.Id, u.DisplayName, u.Email!)).ToDictionaryAsync(u => u.Id, ct);
    }

    public async Task<IReadOnlySet<Guid>> FindExistingAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct = default)
    {
        var existing = ids.Where(_known.ContainsKey).ToHashSet();
        if (existing.Count == ids.Count) return existing;
        foreach (var id in (await GetAsync(ids.Except(existing), ct)).Keys)
        {
            _known.TryAdd(id, true);
            existing.Add(id);
        }
        return existing;
    }
}
