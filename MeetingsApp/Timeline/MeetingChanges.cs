using MeetingsApp.Meetings;

namespace MeetingsApp.Timeline;

/// <summary>Which parts of a meeting one event changed, to highlight them on the timeline.</summary>
public static class MeetingChanges
{
    public const string Title = nameof(Meeting.Title), Description = nameof(Meeting.Description), Location = nameof(Meeting.Location),
        Start = nameof(Meeting.Start), Duration = nameof(Meeting.Duration), Status = nameof(Meeting.Status),
        Reason = nameof(Meeting.CancellationReason);

    /// <summary>An invitee who was added, or whose answer or note changed.</summary>
    public static string Invitee(Guid userId) => $"invitee:{userId}";

    /// <summary>An invitee who was taken off the meeting by this event.</summary>
    public static string Removed(Guid userId) => $"removed:{userId}";

    public static IReadOnlySet<string> Between(Meeting? before, Meeting after)
    {
        var changed = new HashSet<string>();
        void Check(string name, bool differs)
        {
            if (before is null || differs) changed.Add(name);
        }
        Check(Title, before?.Title != after.Title);
        Check(Description, before?.Description != after.Description);
        Check(Location, before?.Location != after.Location);
        Check(Start, before?.Start != after.Start);
        Check(Duration, before?.Duration != after.Duration);
        Check(Status, before?.Status != after.Status);
        Check(Reason, before?.CancellationReason != after.CancellationReason);
        foreach (var invitee in after.Invitees) Check(Invitee(invitee.UserId), before?.InviteeOf(invitee.UserId) != invitee);
        foreach (var gone in before?.Invitees.Where(i => after.InviteeOf(i.UserId) is null) ?? []) changed.Add(Removed(gone.UserId));
        return changed;
    }
}
