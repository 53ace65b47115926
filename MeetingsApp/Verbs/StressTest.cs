using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using MeetingsApp.Data;
using MeetingsApp.Demo;
using MeetingsApp.EventStore;
using MeetingsApp.EventStore.Subscriptions;
using MeetingsApp.Meetings;
using MeetingsApp.Notifications;
using Microsoft.EntityFrameworkCore;

namespace MeetingsApp.Verbs;

/// <summary>What a stress run did, and whether the promises of an event-sourced system held afterwards.</summary>
public sealed record StressReport(
    int Commands, int Appended, int Repeats, int Invalid, int Rejected, double CommandsPerSecond, double P50Ms, double P99Ms,
    IReadOnlyList<(string Invariant, bool Holds, string Detail)> Invariants)
{
    public bool AllHold => Invariants.All(i => i.Holds);
}

/// <summary>
/// Many simulated users issue a random mix of valid, invalid, repeated and conflicting commands through the real
/// command path for a bounded time, then the invariants are checked against the database.
/// </summary>
public static class StressTest
{
    /// <summary>
    /// The services a stress run needs: the app's own, with every error-level log line counted; with
    /// <paramref name="instances"/> above 1, that many app instances on the one database (PostgreSQL's scale-out).
    /// </summary>
    public static async Task<(IReadOnlyList<StandaloneServices> Instances, ErrorCounter Errors)> CreateServicesAsync(
        string connectionString, DatabaseProvider provider = DatabaseProvider.Sqlite, int instances = 1)
    {
        // Migrated first, apart: EF Core logs its look for a history table in a new PostgreSQL database as an error.
        await using (await StandaloneServices.CreateAsync(connectionString, database: provider)) { }
        var errors = new ErrorCounter();
        var started = new List<StandaloneServices>();
        for (var i = 0; i < instances; i++)
            started.Add(await (await StandaloneServices.CreateAsync(connectionString, s => s.AddLogging(b => b.AddProvider(errors)), provider)).StartSubscriptionsAsync());
        return (started, errors);
    }

    /// <summary>Users are spread over <paramref name="instances"/>, each sending its commands through one of them.</summary>
    public static async Task<StressReport> RunAsync(IReadOnlyList<StandaloneServices> instances, ErrorCounter errors, TimeSpan duration, int users, int seed = 1, CancellationToken ct = default)
    {
        var services = instances[0];
        var clock = services.Get<TimeProvider>();
        var people = new List<Guid>();
        for (var i = 0; i < users; i++) people.Add(await services.Provider.CreateUserAsync($"Stress user {i}", $"stress{i}.{Guid.NewGuid():N}@stress.example"));
        var meetings = new ConcurrentBag<(Guid Id, Guid Organiser)>();
        var latencies = new ConcurrentBag<double>();
        int appended = 0, repeats = 0, invalid = 0, rejected = 0;
        var deadline = Stopwatch.StartNew();

        await Task.WhenAll(people.Select((me, index) => Task.Run(async () =>
        {
            var handler = instances[index % instances.Count].Get<MeetingCommandHandler>();
            var random = new Random(seed * 7919 + index);
            (object Command, CommandContext Context)? last = null;
            for (var n = 0; n < 100_000 && deadline.Elapsed < duration && !ct.IsCancellationRequested; n++)
            {
                var known = meetings.ToArray();
                var roll = random.Next(100);
                var context = new CommandContext(me, Guid.NewGuid());
                object command = roll switch
                {
                    < 5 when last is not null => last.Value.Command, // a retry of the previous command, with its command id
                    _ when roll < 25 || known.Length == 0 => Schedule(random, me, people, clock, valid: roll % 5 != 0),
                    < 60 => Answer(random, Pick(random, known).Id),
                    < 68 => new RescheduleMeeting(Pick(random, known).Id, clock.GetUtcNow().AddDays(random.Next(1, 30)),
                        random.Next(2) == 0 ? null : TimeSpan.FromMinutes(random.Next(1, 9) * 15)),
                    < 74 => new EditMeetingDetails(Pick(random, known).Id, $"Stress meeting {random.Next()}", null, random.Next(2) == 0 ? "" : "Room 1"),
                    < 80 => new InvitePeople(Pick(random, known).Id, Some(random, people)),
                    < 85 => new RemovePeople(Pick(random, known).Id, Some(random, people)),
                    < 92 => new CancelMeeting(Pick(random, known).Id, random.Next(3) == 0 ? "Stress" : null),
                    _ => new FinishMeeting(Pick(random, known).Id),
                };
                if (roll < 5 && last is not null) context = last.Value.Context;
                var watch = Stopwatch.StartNew();
                var result = command switch
                {
                    ScheduleMeeting c => await handler.HandleAsync(c, context, ct),
                    AcceptInvitation c => await handler.HandleAsync(c, context, ct),
                    DeclineInvitation c => await handler.HandleAsync(c, context, ct),
                    TentativelyAcceptInvitation c => await handler.HandleAsync(c, context, ct),
                    EditMeetingDetails c => await handler.HandleAsync(c, context, ct),
                    InvitePeople c => await handler.HandleAsync(c, context, ct),
                    RemovePeople c => await handler.HandleAsync(c, context, ct),
                    RescheduleMeeting c => await handler.HandleAsync(c, context, ct),
                    CancelMeeting c => await handler.HandleAsync(c, context, ct),
                    FinishMeeting c => await handler.HandleAsync(c, context, ct),
                    _ => throw new InvalidOperationException(),
                };
                latencies.Add(watch.Elapsed.TotalMilliseconds);
                if (result.Appended is { WasDuplicate: true }) Interlocked.Increment(ref repeats);
                else if (result.Appended is not null)
                {
                    Interlocked.Increment(ref appended);
                    if (command is ScheduleMeeting s) meetings.Add((s.MeetingId, me));
                }
                else if (result.Error!.Code == MeetingErrorCode.Invalid) Interlocked.Increment(ref invalid);
                else Interlocked.Increment(ref rejected);
                last = (command, context);
            }
        }, ct)));
        var elapsed = deadline.Elapsed;

        var sorted = latencies.Order().ToList();
        var invariants = await CheckInvariantsAsync(services, appended, ct);
        invariants = [.. invariants, ("no error was logged", errors.Count == 0, $"{errors.Count} errors{(errors.First is null ? "" : $", first: {errors.First}")}")];
        return new StressReport(sorted.Count, appended, repeats, invalid, rejected, sorted.Count / elapsed.TotalSeconds,
            sorted[sorted.Count / 2], sorted[(int)Math.Ceiling(sorted.Count * 0.99) - 1], invariants);
    }

    /// <summary>Counts error-level log entries (unhandled exceptions in subscribers, failed commands).</summary>
    public sealed class ErrorCounter : ILoggerProvider, ILogger
    {
        private int _count;

        public int Count => _count;

        public string? First { get; private set; }

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            if (Interlocked.Increment(ref _count) == 1) First = formatter(state, exception) + (exception is null ? "" : $" ({exception.GetType().Name}: {exception.Message})");
        }

        public void Dispose() { }
    }

    private static object Answer(Random random, Guid meetingId)
    {
        var note = random.Next(3) == 0 ? $"note {random.Next(5)}" : null;
        return random.Next(3) switch
        {
            0 => new AcceptInvitation(meetingId, note),
            1 => new TentativelyAcceptInvitation(meetingId, note),
            _ => new DeclineInvitation(meetingId, note),
        };
    }

    private static List<Guid> Some(Random random, List<Guid> people) => [.. people.OrderBy(_ => random.Next()).Take(random.Next(1, 4))];

    private static (Guid Id, Guid Organiser) Pick(Random random, (Guid Id, Guid Organiser)[] known) => known[random.Next(known.Length)];

    private static ScheduleMeeting Schedule(Random random, Guid me, List<Guid> people, TimeProvider clock, bool valid)
    {
        var invitees = people.Where(p => p != me).OrderBy(_ => random.Next()).Take(random.Next(1, 6)).ToList();
        var command = new ScheduleMeeting(Guid.NewGuid(), $"Stress meeting {random.Next()}", null,
            clock.GetUtcNow().AddMinutes(random.Next(10, 60 * 24 * 30)), TimeSpan.FromMinutes(random.Next(1, 33) * 15), invitees);
        return valid ? command : (random.Next(3)) switch
        {
            0 => command with { Title = "  " },
            1 => command with { Start = clock.GetUtcNow().AddDays(-1) },
            _ => command with { InviteeIds = [Guid.NewGuid()] },
        };
    }

    /// <summary>
    /// The promises: nothing lost or doubled in the log, read models equal a rebuild, notifications once each.
    /// <paramref name="appendedCommands"/> is null when unknowable (after a crash).
    /// </summary>
    public static async Task<IReadOnlyList<(string Invariant, bool Holds, string Detail)>> CheckInvariantsAsync(StandaloneServices services, int? appendedCommands, CancellationToken ct = default)
    {
        var store = services.Get<IEventStore>();
        var host = services.Get<SubscriptionHost<AppDbContext>>();
        var head = await store.ReadHeadAsync(ct);
        await host.WaitForAsync(head, TimeSpan.FromMinutes(2), ct);
        var results = new List<(string, bool, string)>();
        await using var db = await services.Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(ct);

        var streams = await db.Set<StoredEvent>().GroupBy(e => e.EntityId)
            .Select(g => new { Count = g.Count(), Min = g.Min(e => e.EntityVersion), Max = g.Max(e => e.EntityVersion), Distinct = g.Select(e => e.EntityVersion).Distinct().Count() })
            .ToListAsync(ct);
        var broken = streams.Count(s => s.Min != 1 || s.Max != s.Count || s.Distinct != s.Count);
        results.Add(("every stream's versions run 1..n", broken == 0, $"{streams.Count:N0} streams, {broken} broken"));

        var events = await db.Set<StoredEvent>().CountAsync(ct);
        var commandIds = (await db.Set<StoredEvent>().Select(e => e.Meta).ToListAsync(ct))
            .Select(m => JsonDocument.Parse(m).RootElement.GetProperty("commandId").GetString()).Distinct().Count();
        if (appendedCommands is { } succeeded)
            results.Add(("events written == commands that succeeded", events == succeeded, $"{events:N0} events, {succeeded:N0} successful commands"));
        results.Add(("each command id at most once", commandIds == events, $"{commandIds:N0} command ids"));

        var live = await SnapshotAsync(db, ct);
        await host.RebuildAsync(MeetingProjection.SubscriberName, ct);
        var rebuilt = await SnapshotAsync(db, ct);
        results.Add(("read model == a fresh rebuild, row for row", live == rebuilt, $"{live.Length:N0} characters of rows compared"));

        var doubled = await db.Set<Notification>().GroupBy(n => new { n.EventPosition, n.UserId }).CountAsync(g => g.Count() > 1, ct);
        results.Add(("no notification twice", doubled == 0, $"{await db.Set<Notification>().CountAsync(ct):N0} notifications, {doubled} doubled"));
        return results;
    }

    private static async Task<string> SnapshotAsync(AppDbContext db, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var summaries = await db.Set<MeetingSummary>().AsNoTracking().OrderBy(s => s.MeetingId).ToListAsync(ct);
        var participants = await db.Set<MeetingParticipant>().AsNoTracking().OrderBy(p => p.MeetingId).ThenBy(p => p.UserId).ToListAsync(ct);
        return JsonSerializer.Serialize(new { summaries, participants });
    }
}
