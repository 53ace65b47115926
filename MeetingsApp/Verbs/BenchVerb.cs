using System.Diagnostics;
using MeetingsApp.Data;
using MeetingsApp.Demo;
using MeetingsApp.EventStore;
using MeetingsApp.Meetings;

namespace MeetingsApp.Verbs;

/// <summary>
/// <c>bench</c>: prints throughput and latency figures of the event store on fresh databases: SQLite files in a temp
/// folder, or with <c>--provider postgres</c> databases created on a PostgreSQL server (<c>--connection</c>) and dropped
/// at the end. Figures are printed, never asserted.
/// </summary>
public static class BenchVerb
{
    private const int ConcurrentUsers = 16;
    private const string DefaultPostgres = "Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres";

    public static async Task<int> RunAsync(string[] args)
    {
        var commands = IntOption(args, "--commands", 5_000);
        var rebuildEvents = IntOption(args, "--rebuild-events", 200_000);
        var providerName = StringOption(args, "--provider", DatabaseProvider.Sqlite.Name);
        if (DatabaseProvider.All.FirstOrDefault(p => string.Equals(p.Name, providerName, StringComparison.OrdinalIgnoreCase)) is not { } provider)
        {
            Console.Error.WriteLine($"Unknown --provider '{providerName}': use sqlite (the default) or postgres.");
            return 2;
        }
        await using var database = provider == DatabaseProvider.Postgres
            ? await BenchDatabase.PostgresAsync(StringOption(args, "--connection", DefaultPostgres))
            : BenchDatabase.Sqlite();

        Console.WriteLine($"MeetingsApp bench: {database.Description}, {Environment.ProcessorCount} cores, {commands:N0} commands");
        var rows = new List<(string Name, string Value)>();
        if (StringOption(args, "--only", "") == "live")
        {
            await BenchLive.AddRowsAsync(rows, database, args);
            return Print(rows);
        }

        var ceiling = await RawInsertRateAsync(database, commands, writers: 1);
        rows.Add(("raw single-row insert transactions/s (ceiling)", $"{ceiling:N0}"));
        // For honesty: what the driver alone reaches with as many writers as the concurrent command row has users.
        var rawConcurrent = await RawInsertRateAsync(database, commands, writers: ConcurrentUsers);
        rows.Add(($"raw single-row insert transactions/s, {ConcurrentUsers} writers at once", $"{rawConcurrent:N0}"));
        rows.Add(("  / ceiling", $"{rawConcurrent / ceiling:P0}"));

        await using var services = await database.ServicesAsync("commands");
        var sequential = await CommandRateAsync(services, commands, users: 1);
        rows.Add(("commands/s, full command path, 1 user at a time", $"{sequential:N0}"));
        rows.Add(("  / ceiling", $"{sequential / ceiling:P0}"));
        var concurrent = await CommandRateAsync(services, commands, users: ConcurrentUsers);
        rows.Add(($"commands/s, full command path, {ConcurrentUsers} users at once", $"{concurrent:N0}"));
        rows.Add(("  / ceiling", $"{concurrent / ceiling:P0}"));
        if (StringOption(args, "--only", "") == "commands") return Print(rows);

        var (longStream, participant, median, p99) = await StreamLoadAsync(services, events: 1_000, runs: 200);
        rows.Add(("load + fold a 1,000-event stream, median ms", $"{median:F2}"));
        rows.Add(("load + fold a 1,000-event stream, p99 ms", $"{p99:F2}"));
        var (open, step) = await BenchLive.TimelineAsync(services, longStream, participant);
        rows.Add(("timeline of a 1,000-event meeting: open, ms", $"{open:F2}"));
        rows.Add(("timeline of a 1,000-event meeting: one slider step, µs", $"{step:F3}"));
        var asOf = await BenchAsOf.ListAsync(database, meetings: 10_000);
        rows.Add(("\"my meetings as of\" over 10,000 meetings, median ms", $"{asOf.Median:F1}"));
        rows.Add(("\"my meetings as of\" over 10,000 meetings, p95 ms", $"{asOf.P95:F1}"));
        var week = await BenchAsOf.CalendarWeekAsync(database, meetings: 5_000);
        rows.Add(($"calendar week as of, 5,000 meetings ({week.InWeek} that week), median ms", $"{week.Median:F2}"));
        rows.Add(("calendar week as of, 5,000 meetings, p95 ms", $"{week.P95:F2}"));

        var (weekQuery, weekRender, blocks) = await BenchCalendar.WeekAsync(database, meetings: 5_000);
        rows.Add(($"calendar week of a person with 5,000 meetings ({blocks} that week): query, median ms", $"{weekQuery:F2}"));
        rows.Add(("  layout + render of the week grid, median ms", $"{weekRender:F2}"));
        var (suggest, found) = await BenchCalendar.SuggestionsAsync(database, invitees: 10, meetingsEach: 1_000);
        rows.Add(($"\"Suggest times\" for 11 people with 1,000 meetings each ({found} found), median ms", $"{suggest:F2}"));

        var rebuild = await BenchLive.RebuildRateAsync(database, rebuildEvents);
        rows.Add(($"projection rebuild events/s ({rebuildEvents:N0} events)", $"{rebuild:N0}"));

        await BenchLive.AddRowsAsync(rows, database, args);
        return Print(rows);
    }

    private static int Print(List<(string Name, string Value)> rows)
    {
        var width = rows.Max(r => r.Name.Length);
        foreach (var (name, value) in rows) Console.WriteLine($"  {name.PadRight(width)}  {value,12}");
        return 0;
    }

    /// <summary>
    /// Rows or commands run before each write-path rate is timed, so that it measures the steady state (the JIT's later
    /// tiers, warm pools and caches), not the process's first seconds: at 3,000 commands those made the command rates
    /// about half of what 9,000 gave.
    /// </summary>
    private const int WarmUp = 960;

    /// <summary>
    /// The ceiling: one INSERT of an event-sized row per transaction, straight through the provider's ADO.NET driver,
    /// <paramref name="count"/> in all, by <paramref name="writers"/> connections at once (SQLite's take turns on its one
    /// write lock, in its own busy handler).
    /// </summary>
    private static async Task<double> RawInsertRateAsync(BenchDatabase database, int count, int writers)
    {
        var connectionString = await database.CreateAsync($"raw{writers}");
        await using (await StandaloneServices.CreateAsync(connectionString, database: database.Provider)) { } // same schema, indexes and journal mode as the app
        var provider = database.Provider;
        var connections = new List<System.Data.Common.DbConnection>();
        for (var i = 0; i < writers; i++) connections.Add(await provider.OpenAsync(connectionString, CancellationToken.None));
        var at = DateTime.UtcNow;
        Task InsertAsync(int rows) => Task.WhenAll(connections.Select((connection, writer) => Task.Run(async () =>
        {
            await using var insert = connection.GetCommand(EventSql.Insert(provider));
            var row = new EventRowParameters(insert, provider);
            for (var i = writer; i < rows; i += writers)
            {
                await using var tx = await connection.BeginTransactionAsync();
                insert.Transaction = tx;
                row.Set(new StoredEvent
                {
                    StreamId = Guid.NewGuid(), StreamType = "Meeting", EventType = "invitation_accepted", Version = 1, SchemaVersion = 1,
                    Data = """{"meetingId":"5c1f3a52-8d4e-4a47-9a43-2f8c3b0f6d11","userId":"0b8f2a1e-7c55-4c2b-b1a6-9f9d2f1c3e77","acceptedAt":"2026-11-28T10:00:00+00:00"}""",
                    Meta = $$"""{"userId":"{{Guid.NewGuid()}}","commandId":"{{Guid.NewGuid()}}"}""", CreatedAt = at,
                });
                await insert.ExecuteNonQueryAsync();
                await tx.CommitAsync();
            }
        })));
        await InsertAsync(WarmUp);
        var watch = Stopwatch.StartNew();
        await InsertAsync(count);
        var rate = count / watch.Elapsed.TotalSeconds;
        foreach (var connection in connections) await connection.DisposeAsync();
        return rate;
    }

    /// <summary>
    /// Users who each schedule meetings and have both invitees answer (validate, load, decide, append),
    /// <paramref name="users"/> of them at once, <paramref name="count"/> commands in all.
    /// </summary>
    private static async Task<double> CommandRateAsync(StandaloneServices services, int count, int users)
    {
        var handler = services.Get<MeetingCommandHandler>();
        var start = DateTimeOffset.UtcNow.AddDays(1);
        var people = new List<Guid[]>();
        for (var user = 0; user < users; user++)
        {
            var run = $"{users}-{user}";
            people.Add([await services.Provider.CreateUserAsync($"Organiser {run}", $"organiser-{run}@bench.example"),
                await services.Provider.CreateUserAsync($"Guest A {run}", $"guest-a-{run}@bench.example"),
                await services.Provider.CreateUserAsync($"Guest B {run}", $"guest-b-{run}@bench.example")]);
        }
        Task RunAsync(int commands) => Task.WhenAll(Enumerable.Range(0, users).Select(user => Task.Run(async () =>
        {
            var organizer = people[user][0];
            var invitees = people[user][1..];
            var meetingId = Guid.Empty;
            for (var i = user; i < commands; i += users)
            {
                var result = (i / users % 3) switch
                {
                    0 => await handler.HandleAsync(new ScheduleMeeting(meetingId = Guid.NewGuid(), $"Meeting {i}", null, start,
                        TimeSpan.FromMinutes(30), invitees), new CommandContext(organizer, Guid.NewGuid())),
                    1 => await handler.HandleAsync(new AcceptInvitation(meetingId), new CommandContext(invitees[0], Guid.NewGuid())),
                    _ => await handler.HandleAsync(new DeclineInvitation(meetingId), new CommandContext(invitees[1], Guid.NewGuid())),
                };
                if (!result.Succeeded) throw new InvalidOperationException($"Command {i} failed: {result.Error!.Message}");
            }
        })));
        await RunAsync(WarmUp);
        var watch = Stopwatch.StartNew();
        await RunAsync(count);
        return count / watch.Elapsed.TotalSeconds;
    }

    private static async Task<(Guid MeetingId, Guid Invitee, double Median, double P99)> StreamLoadAsync(StandaloneServices services, int events, int runs)
    {
        var store = services.Get<IEventStore>();
        var meetingId = Guid.NewGuid();
        var invitee = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        var history = new List<object>
        {
            new MeetingScheduled(meetingId, "Long-running", "", "", now.AddDays(1), TimeSpan.FromHours(1), Guid.NewGuid(), [invitee], now),
        };
        for (var i = 1; i < events; i++)
            history.Add(i % 2 == 1 ? new InvitationAccepted(meetingId, invitee, null, now) : new InvitationDeclined(meetingId, invitee, null, now));
        await store.AppendAsync(meetingId, MeetingCommandHandler.StreamType, 0, history, EventMetadata.ForCommand(invitee, Guid.NewGuid()));

        GC.Collect();
        var timings = new double[runs];
        for (var i = -50; i < runs; i++) // warm-up runs first
        {
            var watch = Stopwatch.StartNew();
            var state = Meeting.Fold(await store.ReadPayloadsAsync(meetingId));
            if (state?.Version != events) throw new InvalidOperationException("The stream did not load whole.");
            if (i >= 0) timings[i] = watch.Elapsed.TotalMilliseconds;
        }
        Array.Sort(timings);
        return (meetingId, invitee, timings[runs / 2], timings[(int)Math.Ceiling(runs * 0.99) - 1]);
    }

    internal static int IntOption(string[] args, string name, int fallback) =>
        int.TryParse(StringOption(args, name, ""), out var value) ? value : fallback;

    internal static string StringOption(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }
}
