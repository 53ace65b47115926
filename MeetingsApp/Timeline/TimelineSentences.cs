using MeetingsApp.Shared;
using MeetingsApp.Meetings;

namespace MeetingsApp.Timeline;

/// <summary>Each event of a meeting's history as a sentence: "Alice renamed it from 'Sprint plan' to 'Sprint planning'".</summary>
public static class TimelineSentences
{
    public static string Describe(HistoryStep step, Func<Guid, string> nameOf, TimeZoneInfo zone)
    {
        var actor = step.Actor;
        return step.Event.Data switch
        {
            MeetingScheduled e => $"{actor} scheduled it for {e.Start.Show(zone)}, inviting {People(e.InviteeIds, nameOf)}",
            MeetingDetailsEdited e => $"{actor} {Joined(Edits(e))}",
            MeetingRescheduled { AcceptedProposal: { } p } e =>
                $"{actor} accepted {nameOf(p.ProposedBy)}’s proposal and {Joined(Moves(e, zone))}; everyone else is asked again",
            MeetingRescheduled e => $"{actor} {Joined(Moves(e, zone))}" + (e.AnswersReset ? "; everyone is asked again" : ""),
            TimeProposed e => $"{actor} proposed {Proposed(e.Start, e.Duration, zone)}{Quoted(e.Note)}",
            ProposalDismissed e => $"{actor} dismissed {nameOf(e.ProposedBy)}’s proposal of {Proposed(e.ProposedStart, e.ProposedDuration, zone)}{Quoted(e.Reason)}",
            PeopleInvited e => $"{actor} invited {People(e.UserIds, nameOf)}",
            PeopleRemoved e => $"{actor} removed {People(e.UserIds, nameOf)}",
            InvitationAccepted e => $"{actor} accepted{Quoted(e.Note)}",
            InvitationTentativelyAccepted e => $"{actor} said maybe{Quoted(e.Note)}",
            InvitationDeclined e => $"{actor} declined{Quoted(e.Note)}",
            MeetingCancelled e => $"{actor} cancelled it{(e.Reason is null ? "" : $": {e.Reason}")}",
            MeetingFinished => $"{actor} marked it finished",
            _ => step.Event.EventType,
        };
    }

    private static IEnumerable<string> Edits(MeetingDetailsEdited e)
    {
        if (e.Title is not null) yield return $"renamed it from “{e.PreviousTitle}” to “{e.Title}”";
        if (e.Location is { Length: 0 }) yield return "removed the location";
        else if (e.Location is not null) yield return $"set the location to “{e.Location}”";
        if (e.Description is not null) yield return e.Description.Length == 0 ? "removed the description" : "changed the description";
    }

    private static IEnumerable<string> Moves(MeetingRescheduled e, TimeZoneInfo zone)
    {
        if (e.NewStart != e.PreviousStart) yield return $"moved it from {e.PreviousStart.Show(zone)} to {e.NewStart.Show(zone)}";
        if (e.NewDuration is { } length) yield return $"changed its length from {e.PreviousDuration?.Show()} to {length.Show()}";
    }

    private static string Proposed(DateTimeOffset start, TimeSpan duration, TimeZoneInfo zone) => $"{start.Show(zone)} ({duration.Show()})";

    private static string People(IReadOnlyList<Guid> ids, Func<Guid, string> nameOf) => Joined(ids.Select(nameOf));

    private static string Joined(IEnumerable<string> parts) => parts.ToList() switch
    {
        [] => "",
        [var one] => one,
        var many => $"{string.Join(", ", many[..^1])} and {many[^1]}",
    };

    private static string Quoted(string? note) => note is null ? "" : $": “{note}”";
}
