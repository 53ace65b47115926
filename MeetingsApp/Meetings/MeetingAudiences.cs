using System.Collections.Concurrent;

namespace MeetingsApp.Meetings;

/// <summary>
/// Who <see cref="MeetingProjection"/> made each meeting's participants, with the position of the event it applied to do
/// so: what <see cref="MeetingsLiveObserver"/> tells once that event has committed, without reading back the rows just
/// written (a statement on the way of every live change). Only an entry at exactly the committed event's position
/// counts: applying is deterministic, so it is what the committed rows hold. Anything else (another instance applied the
/// event, this one has restarted) is read from the table. One entry per meeting at most, taken by the observer (one of a
/// batch that rolled back stays until the meeting's next event replaces it).
/// </summary>
public sealed class MeetingAudiences
{
    private readonly ConcurrentDictionary<Guid, (long Position, Guid[] People)> _applied = new();

    public void Applied(Meeting meeting, long position) =>
        _applied[meeting.Id] = (position, [meeting.OrganizerId, .. meeting.Invitees.Select(i => i.UserId)]);

    /// <summary>The participants the event at <paramref name="position"/> left, if this instance applied it; null otherwise.</summary>
    public Guid[]? Take(Guid meetingId, long position) =>
        _applied.TryGetValue(meetingId, out var entry) && entry.Position == position && _applied.TryRemove(KeyValuePair.Create(meetingId, entry))
            ? entry.People
            : null;
}
