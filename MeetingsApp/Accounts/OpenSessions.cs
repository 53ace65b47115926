using MeetingsApp.Data;
using Microsoft.EntityFrameworkCore;

namespace MeetingsApp.Accounts;

/// <summary>
/// Every open circuit and hub connection on this instance, with the security stamp its user signed in with. A sign-out
/// or a password change gives the user a new stamp; <see cref="CheckAsync"/> then ends whatever still carries the old
/// one: at once for a change made on this instance, and within one <see cref="SessionWatcher"/> tick for a change made
/// on another instance of the same database.
/// </summary>
public sealed class OpenSessions(IDbContextFactory<AppDbContext> contexts, ILogger<OpenSessions> logger)
{
    // Compared by reference: two tabs of one user with the same stamp are two sessions.
    private sealed class Session(Guid userId, string? stamp, Action onEnded)
    {
        public Guid UserId => userId;
        public string? Stamp => stamp;
        public Action OnEnded => onEnded;
    }

    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, HashSet<Session>> _byUser = [];

    /// <summary>Watches a session until the returned handle is disposed; <paramref name="onEnded"/> runs at most once.</summary>
    public IDisposable Track(Guid userId, string? stamp, Action onEnded)
    {
        var session = new Session(userId, stamp, onEnded);
        lock (_gate)
        {
            if (!_byUser.TryGetValue(userId, out var sessions)) _byUser[userId] = sessions = [];
            sessions.Add(session);
        }
        return new Handle(() => Forget(session));
    }

    /// <summary>Ends the sessions of <paramref name="userIds"/> (all tracked users when null) whose stamp is no longer the user's.</summary>
    public async Task CheckAsync(IReadOnlyCollection<Guid>? userIds = null, CancellationToken ct = default)
    {
        List<Guid> ids;
        lock (_gate) ids = (userIds ?? _byUser.Keys).Where(_byUser.ContainsKey).Distinct().ToList();
        if (ids.Count == 0) return;
        var stamps = await ReadStampsAsync(ids, ct);
        List<Session> stale;
        lock (_gate)
        {
            stale = ids.Where(_byUser.ContainsKey)
                .SelectMany(id => _byUser[id].Where(s => stamps.GetValueOrDefault(id) is not { } current || s.Stamp != current)).ToList();
        }
        foreach (var session in stale) End(session);
    }

    /// <summary>The users' current security stamps, by primary key; a user who no longer exists is missing.</summary>
    public async Task<IReadOnlyDictionary<Guid, string?>> ReadStampsAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct = default)
    {
        var stamps = new Dictionary<Guid, string?>();
        await using var db = await contexts.CreateDbContextAsync(ct);
        // Chunks keep the parameter list well under every provider's limit however many users are online.
        foreach (var chunk in ids.Chunk(500))
        {
            foreach (var row in await db.Users.AsNoTracking().Where(u => chunk.Contains(u.Id)).Select(u => new { u.Id, u.SecurityStamp }).ToListAsync(ct))
                stamps[row.Id] = row.SecurityStamp;
        }
        return stamps;
    }

    private void End(Session session)
    {
        if (!Forget(session)) return;
        try
        {
            session.OnEnded();
        }
        catch (Exception ex)
        {
            // One broken circuit must not keep the user's other sessions open.
            logger.LogWarning(ex, "Ending a session of {UserId} failed", session.UserId);
        }
    }

    private bool Forget(Session session)
    {
        lock (_gate)
        {
            if (!_byUser.TryGetValue(session.UserId, out var sessions) || !sessions.Remove(session)) return false;
            if (sessions.Count == 0) _byUser.Remove(session.UserId);
            return true;
        }
    }

    private sealed class Handle(Action dispose) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) dispose();
        }
    }
}
