using System.Diagnostics;
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

        await using var services = await database.ServicesAsync("commands");
        await BenchWritePath.AddRowsAsync(rows, args, database, services, commands, ConcurrentUsers);
        if (StringOption(args, "--only", "") == "commands") return Print(rows);

        var (longStream, participant, median, p99) = await StreamLoadAsync(services, events: 1_000, runs: 200);
        rows.Add(("load + fold a 1,000-event stream, median ms", $"{median:F2}"));
        rows.Add(("load + fold a 1,000-event stream, p99 ms", $"{p99:F2}"));
        var (open, step) = await BenchLive.TimelineAsync(services, longStream, participant);
        rows.Add(("timeline of a 1,000-event meeting: open, ms", $"{open:F2}"));
        rows.Add(("timeline of a 1,000-event meeting: one slider step, µs", $"{step:F3}"));
        var asOf = await BenchAsOf.ListAsync(database, meetings: 10_000);
        rows.Add(("\"my meetings as of\" over 10,000 meetings, a page: median ms", $"{asOf.Median:F1}"));
        rows.Add(("\"my meetings as of\" over 10,000 meetings, a page: p95 ms", $"{asOf.P95:F1}"));
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
