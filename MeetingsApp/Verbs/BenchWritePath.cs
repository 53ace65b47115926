using System.Data.Common;
using System.Diagnostics;
using MeetingsApp.Demo;
using MeetingsApp.EventStore;
using MeetingsApp.Meetings;

namespace MeetingsApp.Verbs;

/// <summary>
/// The write-path rows: the raw insert ceiling, the same with as many writers as users, and the full command path for
/// one user and for many. They are ratios to the ceiling, and the ceiling is one disk flush per insert, which on this
/// kind of machine drifts by half between one second and the next. So the four are not timed one after the other: each
/// runs a fifth of its work in turn, five rounds, and each rate is its work over its own summed time. A slow spell of
/// the disk then falls on all four alike instead of on whichever happened to run at the time.
/// </summary>
internal static class BenchWritePath
{
    private const int Rounds = 5;

    /// <summary>
    /// Rows or commands each load runs per warm-up round. Rounds go on until the JIT has settled (<see cref="BenchWarmUp"/>),
    /// so that the rates measure the steady state, not the process's first seconds: with a fixed 960 of each first, the
    /// one-user command rate at 3,000 commands was 67-82% of the ceiling, and 90% at 20,000.
    /// </summary>
    private const int WarmUpRound = 48;

    public static async Task AddRowsAsync(List<(string Name, string Value)> rows, string[] args, BenchDatabase database,
        StandaloneServices services, int count, int users)
    {
        await using var raw = await RawInserts.OpenAsync(database, writers: 1);
        await using var rawMany = await RawInserts.OpenAsync(database, writers: users);
        var one = await CommandLoad.CreateAsync(services, users: 1);
        var many = await CommandLoad.CreateAsync(services, users);
        Func<int, Task>[] loads = [raw.RunAsync, rawMany.RunAsync, one.RunAsync, many.RunAsync];
        var warmUp = await BenchWarmUp.RunAsync(args, async () =>
        {
            foreach (var load in loads) await load(WarmUpRound);
        });

        var chunk = Math.Max(count / Rounds, users);
        var elapsed = new TimeSpan[loads.Length];
        for (var round = 0; round < Rounds; round++)
            for (var i = 0; i < loads.Length; i++)
            {
                var watch = Stopwatch.StartNew();
                await loads[i](chunk);
                elapsed[i] += watch.Elapsed;
            }
        var rates = elapsed.Select(e => chunk * Rounds / e.TotalSeconds).ToArray();
        var ceiling = rates[0];
        rows.Add(("write path warm-up", warmUp));
        rows.Add(("raw single-row insert transactions/s (ceiling)", $"{ceiling:N0}"));
        // For honesty: what the driver alone reaches with as many writers as the concurrent command row has users.
        rows.Add(($"raw single-row insert transactions/s, {users} writers at once", $"{rates[1]:N0}"));
        rows.Add(("  / ceiling", $"{rates[1] / ceiling:P0}"));
        rows.Add(("commands/s, full command path, 1 user at a time", $"{rates[2]:N0}"));
        rows.Add(("  / ceiling", $"{rates[2] / ceiling:P0}"));
        rows.Add(($"commands/s, full command path, {users} users at once", $"{rates[3]:N0}"));
        rows.Add(("  / ceiling", $"{rates[3] / ceiling:P0}"));
    }

    /// <summary>
    /// The ceiling: one INSERT of an event-sized row per transaction, straight through the provider's ADO.NET driver, by
    /// a number of connections at once (SQLite's take turns on its one write lock, in its own busy handler), into a fresh
    /// database with the app's schema, indexes and journal mode, on connections with the app's settings.
    /// </summary>
    private sealed class RawInserts(DatabaseProvider provider, List<DbConnection> connections) : IAsyncDisposable
    {
        public static async Task<RawInserts> OpenAsync(BenchDatabase database, int writers)
        {
            string connectionString;
            await using (var app = await StandaloneServices.CreateAsync(await database.CreateAsync($"raw{writers}"), database: database.Provider))
                connectionString = app.Get<EventStoreDatabase>().ConnectionString; // with the app's connection settings (prepared statements)
            var connections = new List<DbConnection>();
            for (var i = 0; i < writers; i++) connections.Add(await database.Provider.OpenAsync(connectionString, CancellationToken.None));
            return new RawInserts(database.Provider, connections);
        }

        public Task RunAsync(int rows) => Task.WhenAll(connections.Select((connection, writer) => Task.Run(async () =>
        {
            await using var insert = connection.GetCommand(EventSql.Insert(provider));
            var row = new EventRowParameters(insert, provider);
            var at = DateTime.UtcNow;
            for (var i = writer; i < rows; i += connections.Count)
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

        public async ValueTask DisposeAsync()
        {
            foreach (var connection in connections) await connection.DisposeAsync();
        }
    }

    /// <summary>
    /// Users who each schedule meetings and have both invitees answer (validate, load, decide, append), all of them at
    /// once; each carries on from where its last run stopped.
    /// </summary>
    private sealed class CommandLoad(MeetingCommandHandler handler, Guid[][] people)
    {
        private readonly DateTimeOffset _start = DateTimeOffset.UtcNow.AddDays(1);
        private readonly (Guid Meeting, int Step)[] _progress = new (Guid, int)[people.Length];

        public static async Task<CommandLoad> CreateAsync(StandaloneServices services, int users)
        {
            var people = new Guid[users][];
            for (var user = 0; user < users; user++)
            {
                var run = $"{users}-{user}";
                people[user] = [await services.Provider.CreateUserAsync($"Organiser {run}", $"organiser-{run}@bench.example"),
                    await services.Provider.CreateUserAsync($"Guest A {run}", $"guest-a-{run}@bench.example"),
                    await services.Provider.CreateUserAsync($"Guest B {run}", $"guest-b-{run}@bench.example")];
            }
            return new CommandLoad(services.Get<MeetingCommandHandler>(), people);
        }

        public Task RunAsync(int commands) => Task.WhenAll(Enumerable.Range(0, people.Length).Select(user => Task.Run(async () =>
        {
            var (organizer, invitees) = (people[user][0], people[user][1..]);
            for (var i = user; i < commands; i += people.Length)
            {
                var (meetingId, step) = _progress[user];
                if (step % 3 == 0) meetingId = Guid.NewGuid();
                var result = (step % 3) switch
                {
                    0 => await handler.HandleAsync(new ScheduleMeeting(meetingId, $"Meeting {step}", null, _start,
                        TimeSpan.FromMinutes(30), invitees), new CommandContext(organizer, Guid.NewGuid())),
                    1 => await handler.HandleAsync(new AcceptInvitation(meetingId), new CommandContext(invitees[0], Guid.NewGuid())),
                    _ => await handler.HandleAsync(new DeclineInvitation(meetingId), new CommandContext(invitees[1], Guid.NewGuid())),
                };
                if (!result.Succeeded) throw new InvalidOperationException($"Command {step} of user {user} failed: {result.Error!.Message}");
                _progress[user] = (meetingId, step + 1);
            }
        })));
    }
}
