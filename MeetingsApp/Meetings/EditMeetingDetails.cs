using FluentValidation;

namespace MeetingsApp.Meetings;

/// <summary>The organiser corrects the title, description or location; the answers given so far stay.</summary>
public sealed record EditMeetingDetails(Guid MeetingId, string Title, string? Description, string? Location)
    : IMeetingCommand<EditMeetingDetails>
{
    public static Decision Decide(Meeting? state, EditMeetingDetails command, Guid actorId, DateTimeOffset now)
    {
        if (MeetingRules.OrganizerMayChange(state, actorId) is { } error) return error;
        var (title, description, location) = (command.Title.Trim(), command.Description?.Trim() ?? "", command.Location?.Trim() ?? "");
        // Only what changed is recorded, with what it was, so the history can say "renamed from ... to ...".
        static (string? New, string? Previous) Change(string next, string current) => next == current ? (null, null) : (next, current);
        var t = Change(title, state!.Title);
        var d = Change(description, state.Description);
        var l = Change(location, state.Location);
        if (t.New is null && d.New is null && l.New is null)
            return new MeetingError(MeetingErrorCode.NothingChanged, "Nothing was changed.");
        return Decision.Accept(new MeetingDetailsEdited(command.MeetingId, t.New, t.Previous, d.New, d.Previous, l.New, l.Previous, actorId, now));
    }
}

public sealed class EditMeetingDetailsValidator : AbstractValidator<EditMeetingDetails>
{
    public EditMeetingDetailsValidator()
    {
        RuleFor(c => c.MeetingId).NotEmpty();
        RuleFor(c => c.Title).MeetingTitle();
        RuleFor(c => c.Description).MeetingDescription();
        RuleFor(c => c.Location).MeetingLocation();
    }
}
