using System.Text.Json;
using MeetingsApp.Data;
using MeetingsApp.EventStore;
using MeetingsApp.EventStore.Subscriptions;
using MeetingsApp.Meetings;
using Microsoft.EntityFrameworkCore;

namespace MeetingsApp.Calendar;

/// <summary>
/// Keeps <see cref="BusyInterval"/> rows equal to who each meeting keeps busy (<see cref="Busy.People"/>) as
/// <see cref="Meeting.Evolve"/> makes it of the log: live one event at a time, or rebuilt by folding the whole log.
/// </summary>
public sealed class FreeBusyProjection : IProjection<AppDbContext>
{
    public const string SubscriberName = "free-busy";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Name => SubscriberName;

    public SubscriberKind Kind => SubscriberKind.Projection;

    public bool WritesOnlyThroughChangeTracker => true;

    public async Task ApplyAsync(AppDbContext db, RecordedEvent @event, CancellationToken ct)
    {
        if (@event.StreamType != MeetingCommandHandler.StreamType) return;
        var copy = await db.Set<FreeBusyMeeting>().FindAsync([@event.StreamId], ct);
        if (copy is not null && @event.Position <= copy.LastPosition) return; // replayed: already applied

        var before = copy is null ? null : JsonSerializer.Deserialize<Meeting>(copy.State, Json)!;
        if ((before?.Version ?? 0) + 1 != @event.Version)
            throw new InvalidOperationException($"Meeting {@event.StreamId} is at version {before?.Version ?? 0} but event {@event.Position} is version {@event.Version}.");
        var after = Meeting.Evolve(before, @event.Data);
        if (copy is null) db.Add(Copy(after, @event.Position));
        else (copy.State, copy.LastPosition) = (JsonSerializer.Serialize(after, Json), @event.Position);

        var rows = await db.Set<BusyInterval>().Where(b => b.MeetingId == after.Id).ToDictionaryAsync(b => b.UserId, ct);
        foreach (var interval in Intervals(after))
        {
            if (!rows.Remove(interval.UserId, out var row)) db.Add(interval);
            else (row.Start, row.End, row.IsOrganizer, row.Response) = (interval.Start, interval.End, interval.IsOrganizer, interval.Response);
        }
        db.RemoveRange(rows.Values); // declined, removed, or the meeting was cancelled
    }

    public async Task<Func<AppDbContext, CancellationToken, Task>> RebuildAsync(IAsyncEnumerable<IReadOnlyList<RecordedEvent>> log, CancellationToken ct)
    {
        var meetings = await MeetingProjection.FoldAsync(log, ct);
        return async (db, token) =>
        {
            await using var cache = await db.LargeWriteCacheAsync(token);
            await db.Set<BusyInterval>().ExecuteDeleteAsync(token);
            await db.Set<FreeBusyMeeting>().ExecuteDeleteAsync(token);
            await db.InsertAsync(meetings.Values.Select(m => Copy(m.State, m.Position)), token);
            await db.InsertAsync(meetings.Values.SelectMany(m => Intervals(m.State)), token);
        };
    }

    private static FreeBusyMeeting Copy(Meeting meeting, long position) =>
        new() { MeetingId = meeting.Id, LastPosition = position, State = JsonSerializer.Serialize(meeting, Json) };

    private static IEnumerable<BusyInterval> Intervals(Meeting meeting) =>
        Busy.People(meeting).Select(p => new BusyInterval
        {
            UserId = p.UserId, MeetingId = meeting.Id, Start = meeting.Start.UtcDateTime, End = meeting.End.UtcDateTime,
            IsOrganizer = p.IsOrganizer, Response = p.Response,
        });
}
