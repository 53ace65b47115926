using System.Text.Json.Nodes;
using MeetingsApp.EventStore;

namespace MeetingsApp.Meetings;

// The schema contract of a meeting's stream. Names are stable and stored; records change shape only
// with a new schema version and an upcaster below. All instants are UTC.

public sealed record MeetingScheduled(
    Guid MeetingId, string Title, string Description, DateTimeOffset Start, TimeSpan Duration,
    Guid OrganizerId, IReadOnlyList<Guid> InviteeIds, DateTimeOffset ScheduledAt);

public sealed record InvitationAccepted(Guid MeetingId, Guid UserId, DateTimeOffset AcceptedAt);

public sealed record InvitationDeclined(Guid MeetingId, Guid UserId, DateTimeOffset DeclinedAt);

public sealed record MeetingRescheduled(
    Guid MeetingId, DateTimeOffset PreviousStart, DateTimeOffset NewStart, Guid RescheduledBy, DateTimeOffset RescheduledAt);

public sealed record MeetingCancelled(Guid MeetingId, string? Reason, Guid CancelledBy, DateTimeOffset CancelledAt);

public sealed record MeetingFinished(Guid MeetingId, Guid FinishedBy, DateTimeOffset FinishedAt);

public sealed class MeetingEventTypes : IEventTypeMap
{
    public const string Scheduled = "meeting_scheduled";

    public void Map(EventTypeRegistry registry) => registry
        .Register<MeetingScheduled>(Scheduled, schemaVersion: 2)
        .Upcast(Scheduled, fromVersion: 1, UpcastScheduledV1)
        .Register<InvitationAccepted>("invitation_accepted")
        .Register<InvitationDeclined>("invitation_declined")
        .Register<MeetingRescheduled>("meeting_rescheduled")
        .Register<MeetingCancelled>("meeting_cancelled")
        .Register<MeetingFinished>("meeting_finished");

    /// <summary>
    /// Version 1 of meeting_scheduled had no description and stored the length as whole minutes
    /// (<c>durationMinutes</c>); version 2 adds <c>description</c> and stores <c>duration</c> as a time span.
    /// </summary>
    internal static JsonObject UpcastScheduledV1(JsonObject v1)
    {
        var v2 = v1.DeepClone().AsObject();
        var minutes = v2["durationMinutes"]?.GetValue<int>() ?? throw new InvalidOperationException("durationMinutes is missing");
        v2.Remove("durationMinutes");
        v2["duration"] = TimeSpan.FromMinutes(minutes).ToString("c");
        v2["description"] ??= "";
        return v2;
    }
}
