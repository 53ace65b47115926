using System.Text.Json;
using System.Text.Json.Serialization;
using MeetingsApp.Data;
using MeetingsApp.Shared;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MeetingsApp.Accounts;

/// <summary>A line of an accounts file that cannot be imported, or an account the target has already; nothing was written.</summary>
public sealed class AccountFileException(int line, string reason, Exception? inner = null) : Exception($"line {line}: {reason}", inner)
{
    public int Line { get; } = line;
}

/// <summary>
/// One account as the accounts file carries it: everything Identity and the profile keep, the password hash and security
/// stamp included (so people sign in on the target with the password they had), and the names of the account's roles.
/// The normalised name and address are left out: the target normalises them its own way.
/// </summary>
public sealed record AccountRecord(
    Guid Id, string UserName, string Email, bool EmailConfirmed, string? PasswordHash, string? SecurityStamp, string? ConcurrencyStamp,
    string? PhoneNumber, bool PhoneNumberConfirmed, bool TwoFactorEnabled, DateTimeOffset? LockoutEnd, bool LockoutEnabled,
    int AccessFailedCount, string DisplayName, string? TimeZone, bool EmailNotifications, WorkDays WorkDays, TimeOnly WorkStart,
    TimeOnly WorkEnd, bool RegisteredBeforeConfirmation, IReadOnlyList<string> Roles);

/// <summary>
/// Moves the accounts between databases as JSON lines, one account a line, beside the event log's own file: the log's
/// events name people only by their user id, so a log moved without its accounts names nobody who can sign in.
/// Import adds every account of the file, with its id, in one transaction, or none: a malformed line, or an account
/// whose id, user name or address the target has already, stops it naming the line.
/// </summary>
public sealed class AccountTransfer(IDbContextFactory<AppDbContext> contexts, ILookupNormalizer normalizer)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        // A line without a field, or with null where the record has none, is refused rather than read as a default.
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
    };

    /// <summary>Writes every account, in id order, as a line; returns how many.</summary>
    public async Task<int> ExportAsync(Stream output, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var users = await db.Users.AsNoTracking().ToListAsync(ct);
        var roles = (await db.UserRoles.AsNoTracking()
                .Join(db.Roles.AsNoTracking(), ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
                .ToListAsync(ct))
            .ToLookup(r => r.UserId, r => r.Name!);
        // In memory, so that the order is the same on every provider (SQLite keeps ids as text, PostgreSQL as uuid).
        foreach (var user in users.OrderBy(u => u.Id))
        {
            var record = new AccountRecord(user.Id, user.UserName!, user.Email!, user.EmailConfirmed, user.PasswordHash,
                user.SecurityStamp, user.ConcurrencyStamp, user.PhoneNumber, user.PhoneNumberConfirmed, user.TwoFactorEnabled,
                user.LockoutEnd, user.LockoutEnabled, user.AccessFailedCount, user.DisplayName, user.TimeZone, user.EmailNotifications,
                user.WorkDays, user.WorkStart, user.WorkEnd, user.RegisteredBeforeConfirmation,
                roles[user.Id].Order(StringComparer.Ordinal).ToList());
            await JsonSerializer.SerializeAsync(output, record, Json, ct);
            output.WriteByte((byte)'\n');
        }
        await output.FlushAsync(ct);
        return users.Count;
    }

    /// <summary>Adds the file's accounts and their roles (created where the target has none of that name), all or none; returns how many.</summary>
    public async Task<int> ImportAsync(TextReader file, CancellationToken ct = default)
    {
        var lines = await ReadAsync(file, ct);
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await RefuseWhatExistsAsync(db, lines, ct);

        var roleNames = lines.SelectMany(l => l.Account.Roles).Distinct(StringComparer.Ordinal).ToList();
        var normalizedRoles = roleNames.Select(normalizer.NormalizeName).ToList();
        var roles = await db.Roles.Where(r => normalizedRoles.Contains(r.NormalizedName)).ToDictionaryAsync(r => r.NormalizedName!, ct);
        foreach (var name in roleNames.Where(n => !roles.ContainsKey(normalizer.NormalizeName(n))))
        {
            var role = new IdentityRole<Guid>(name) { Id = Guid.NewGuid(), NormalizedName = normalizer.NormalizeName(name) };
            db.Roles.Add(role);
            roles[role.NormalizedName] = role;
        }
        foreach (var (_, a) in lines)
        {
            db.Users.Add(new AppUser
            {
                Id = a.Id, UserName = a.UserName, NormalizedUserName = normalizer.NormalizeName(a.UserName), Email = a.Email,
                NormalizedEmail = normalizer.NormalizeEmail(a.Email), EmailConfirmed = a.EmailConfirmed, PasswordHash = a.PasswordHash,
                SecurityStamp = a.SecurityStamp, ConcurrencyStamp = a.ConcurrencyStamp, PhoneNumber = a.PhoneNumber,
                PhoneNumberConfirmed = a.PhoneNumberConfirmed, TwoFactorEnabled = a.TwoFactorEnabled, LockoutEnd = a.LockoutEnd,
                LockoutEnabled = a.LockoutEnabled, AccessFailedCount = a.AccessFailedCount, DisplayName = a.DisplayName,
                TimeZone = a.TimeZone, EmailNotifications = a.EmailNotifications, WorkDays = a.WorkDays, WorkStart = a.WorkStart,
                WorkEnd = a.WorkEnd, RegisteredBeforeConfirmation = a.RegisteredBeforeConfirmation,
            });
            foreach (var role in a.Roles)
                db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = a.Id, RoleId = roles[normalizer.NormalizeName(role)].Id });
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return lines.Count;
    }

    /// <summary>The file's accounts with their line numbers, each checked on its own and against the lines before it.</summary>
    private async Task<List<(int Line, AccountRecord Account)>> ReadAsync(TextReader file, CancellationToken ct)
    {
        var lines = new List<(int, AccountRecord)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var number = 0;
        while (await file.ReadLineAsync(ct) is { } line)
        {
            number++;
            if (line.Length == 0) continue;
            AccountRecord account;
            try
            {
                account = JsonSerializer.Deserialize<AccountRecord>(line, Json) ?? throw new JsonException("the line is null");
            }
            catch (JsonException ex)
            {
                throw new AccountFileException(number, ex.Message, ex);
            }
            if (Problem(account) is { } problem) throw new AccountFileException(number, problem);
            foreach (var key in Keys(account))
                if (!seen.Add(key)) throw new AccountFileException(number, $"an earlier line has the same {key[..key.IndexOf(':')]} already");
            lines.Add((number, account));
        }
        return lines;
    }

    /// <summary>What makes an account unfit to write, as the app's own forms would have refused it.</summary>
    private static string? Problem(AccountRecord a) =>
        a.Id == Guid.Empty ? "the id is missing"
        : string.IsNullOrWhiteSpace(a.UserName) ? "the user name is missing"
        : string.IsNullOrWhiteSpace(a.Email) || !a.Email.Contains('@') ? "the e-mail address is missing or not an address"
        : a.Roles is null || a.Roles.Any(string.IsNullOrWhiteSpace) ? "the roles are missing or one is empty"
        : a.DisplayName is null || a.DisplayName.Length > AppUser.DisplayNameMaxLength || !ReadableText.IsReadable(a.DisplayName, multiline: false)
            ? $"the display name must be readable text of at most {AppUser.DisplayNameMaxLength} characters"
        : a.TimeZone is not null && Profiles.KnownZone(a.TimeZone) != a.TimeZone ? $"the time zone {a.TimeZone} is not one this machine knows"
        : WorkingHours.Problem(a.WorkDays, a.WorkStart, a.WorkEnd);

    private IEnumerable<string> Keys(AccountRecord a) =>
        [$"id:{a.Id}", $"user name:{normalizer.NormalizeName(a.UserName)}", $"e-mail address:{normalizer.NormalizeEmail(a.Email)}"];

    /// <summary>Refuses the whole file at the first account whose id, user name or address the target has already.</summary>
    private async Task RefuseWhatExistsAsync(AppDbContext db, List<(int Line, AccountRecord Account)> lines, CancellationToken ct)
    {
        var ids = lines.Select(l => l.Account.Id).ToList();
        var names = lines.Select(l => normalizer.NormalizeName(l.Account.UserName)).ToList();
        var emails = lines.Select(l => normalizer.NormalizeEmail(l.Account.Email)).ToList();
        var existing = await db.Users.AsNoTracking()
            .Where(u => ids.Contains(u.Id) || names.Contains(u.NormalizedUserName!) || emails.Contains(u.NormalizedEmail!))
            .Select(u => new { u.Id, u.NormalizedUserName, u.NormalizedEmail }).ToListAsync(ct);
        if (existing.Count == 0) return;
        var taken = existing.SelectMany(u => new[] { $"id:{u.Id}", $"user name:{u.NormalizedUserName}", $"e-mail address:{u.NormalizedEmail}" })
            .ToHashSet(StringComparer.Ordinal);
        var (line, account) = lines.First(l => Keys(l.Account).Any(taken.Contains));
        var key = Keys(account).First(taken.Contains);
        throw new AccountFileException(line, $"this database has an account with the same {key[..key.IndexOf(':')]} already ({account.Email})");
    }
}
