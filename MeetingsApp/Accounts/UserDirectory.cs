using System.Collections.Concurrent;
using MeetingsApp.Data;
using MeetingsApp.Meetings;
using Microsoft.EntityFrameworkCore;

namespace MeetingsApp.Accounts;

/// <summary>A registered user as others see them.</summary>
public sealed record UserSummary(Guid Id, string DisplayName, string Email);

/// <summary>Finds registered users: for the invitee picker, for names on pages, and to check invitees exist.</summary>
public sealed class UserDirectory(IDbContextFactory<AppDbContext> contexts) : IUserDirectory
{
    public const int MaxResults = 20;

    // Users are never deleted, so once seen a user id stays valid: checking invitees then costs no query.
    private readonly ConcurrentDictionary<Guid, bool> _known = new();

    /// <summary>Users whose name or e-mail contains <paramref name="term"/> (case-insensitive), by name.</summary>
    public async Task<IReadOnlyList<UserSummary>> SearchAsync(string? term, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(term))
        {
            var pattern = $"%{term.Trim().ToUpperInvariant().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_")}%";
            query = query.Where(u => EF.Functions.Like(u.DisplayName.ToUpper(), pattern, "\\")
                || EF.Functions.Like(u.NormalizedEmail!, pattern, "\\"));
        }
        return await query.OrderBy(u => u.DisplayName).Take(MaxResults)
            .Select(u => new UserSummary(u.Id, u.DisplayName, u.Email!)).ToListAsync(ct);
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
