using MeetingsApp.Shared;
using MeetingsApp.Accounts;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MeetingsApp.Meetings.Pages;

/// <summary>One meeting, for its current participants only; the actions shown are those the signed-in person may take.</summary>
public sealed partial class MeetingPage
{
    private readonly LatestRead _reads = new();
    private MeetingDetails? _meeting;
    private IReadOnlyDictionary<Guid, UserSummary> _names = new Dictionary<Guid, UserSummary>();
    private bool _removed;
    private Guid _shown; // the meeting the fields above are about: the page is reused when only the id in the address changes
    private string? _note, _noteError;

    [Parameter] public Guid MeetingId { get; set; }

    /// <summary>
    /// The answer chosen by a link in an invitation e-mail (accept, maybe, decline). Opening a link never records anything
    /// by itself (a mail scanner follows links too): the page asks the person to confirm with one click.
    /// </summary>
    [SupplyParameterFromQuery(Name = "answer")] public string? LinkAnswer { get; set; }

    [Inject] private MeetingQueries Queries { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;
    [Inject] private NavigationManager Navigation { get; set; } = null!;
    [Inject] private TimeProvider Clock { get; set; } = null!;

    private bool IsScheduled => _meeting?.Meeting.Status == MeetingStatus.Scheduled;
    private bool CanAnswer => IsScheduled && _meeting!.Me.IsOrganizer == false;
    private bool CanManage => IsScheduled && _meeting!.Me.IsOrganizer;
    private bool HasStarted => _meeting is not null && Clock.GetUtcNow().UtcDateTime >= _meeting.Meeting.Start;

    protected override Task OnParametersSetAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        if (_shown != MeetingId) (_shown, _meeting, _removed, _note, _noteError) = (MeetingId, null, false, null, null);
        var read = _reads.Start();
        var meeting = await Queries.GetAsync(MeetingId, Me.Id);
        if (!_reads.IsLatest(read)) return; // navigated on to another meeting, or a later live change is being read
        if (meeting is null)
        {
            // Someone who could see it a moment ago was removed (the removal was their last live message): say so.
            // Anyone else, or no such meeting, gets the same "not found", so a meeting's existence does not leak.
            if (_meeting is not null) (_meeting, _removed) = (null, true);
            else if (!_removed) Navigation.NotFound();
            return;
        }
        // Names are read when someone appears whom the page has not named yet, not on every live change: a change of name
        // shows when the page is opened again (no live message says that someone renamed themselves).
        var people = meeting.Participants.Select(p => p.UserId).ToList();
        if (people.Exists(id => !_names.ContainsKey(id)))
        {
            var names = await Users.GetAsync(people);
            if (!_reads.IsLatest(read)) return;
            _names = names;
        }
        if (_meeting?.Me.Note != meeting.Me.Note || _meeting is null) _note = meeting.Me.Note;
        (_meeting, _removed) = (meeting, false); // invited again after a removal
    }

    /// <summary>A person as others should see them when deciding: the name, and the e-mail that tells two of one name apart.</summary>
    private string NameOf(Guid userId) => _names.TryGetValue(userId, out var user) ? $"{user.DisplayName} ({user.Email})" : "Unknown";

    private static bool IsWebLink(string location) =>
        Uri.TryCreate(location, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    private string? Suggested => LinkAnswer?.ToLowerInvariant() switch
    {
        "accept" => "Accept", "maybe" => "Maybe", "decline" => "Decline", _ => null,
    };

    private Variant VariantOf(string answer) => Suggested == answer || (Suggested is null && answer == "Accept") ? Variant.Filled : Variant.Outlined;

    private Task AcceptAsync() => AnswerAsync(new AcceptInvitation(MeetingId, _note), "You accepted.");

    private Task MaybeAsync() => AnswerAsync(new TentativelyAcceptInvitation(MeetingId, _note), "You said maybe.");

    private Task DeclineAsync() => AnswerAsync(new DeclineInvitation(MeetingId, _note), "You declined.");

    private async Task AnswerAsync<TCommand>(TCommand answer, string done) where TCommand : IMeetingCommand<TCommand>
    {
        var error = await RunAsync(answer, done);
        _noteError = error?.Fields.GetValueOrDefault("Note")?[0];
    }

    private Task FinishAsync() => RunAsync(new FinishMeeting(MeetingId), "The meeting is finished.");

    private Task EditAsync() => Dialogs.ShowAsync<EditDetailsDialog>("Edit meeting", new DialogParameters<EditDetailsDialog>
    {
        { d => d.Meeting, _meeting!.Meeting }, { d => d.Submit, c => RunAsync(c, "The meeting was changed.") },
    });

    private Task RescheduleAsync() => Dialogs.ShowAsync<RescheduleDialog>("Reschedule", new DialogParameters<RescheduleDialog>
    {
        { d => d.Meeting, _meeting!.Meeting }, { d => d.TimeZone, TimeZone }, { d => d.Submit, c => RunAsync(c, "The meeting was moved.") },
        { d => d.Me, _meeting.Me.UserId }, { d => d.People, _meeting.Participants.Select(p => p.UserId).ToList() },
    });

    private Task ProposeAsync() => Dialogs.ShowAsync<ProposeTimeDialog>("Propose a new time", new DialogParameters<ProposeTimeDialog>
    {
        { d => d.Meeting, _meeting!.Meeting }, { d => d.TimeZone, TimeZone },
        { d => d.Submit, c => RunAsync(c, "Your proposal was sent to the organiser.") },
    });

    private string When(MeetingProposal p) => $"{p.Start.Show(TimeZone)} – {p.End.ShowTime(TimeZone)} ({p.Duration.Show()})";

    /// <summary>Accepting moves the meeting and asks everyone else again, so the organiser confirms it first.</summary>
    private async Task AcceptProposalAsync(MeetingProposal p)
    {
        var name = NameOf(p.ProposedBy);
        var confirmed = await Dialogs.ShowMessageBoxAsync("Accept the proposed time",
            $"Move the meeting to {When(p)}, as {name} proposed? {name} counts as accepted; everyone else is asked to answer again.",
            yesText: "Move meeting", cancelText: "Keep the time");
        if (confirmed == true) await RunAsync(new AcceptProposal(MeetingId, p.ProposalId), "The meeting was moved to the proposed time.");
    }

    private Task DismissProposalAsync(MeetingProposal p) => Dialogs.ShowAsync<DismissProposalDialog>("Dismiss the proposal",
        new DialogParameters<DismissProposalDialog>
        {
            { d => d.MeetingId, MeetingId }, { d => d.ProposalId, p.ProposalId }, { d => d.ProposerName, NameOf(p.ProposedBy) },
            { d => d.Proposal, $"{NameOf(p.ProposedBy)} proposes {When(p)}" },
            { d => d.Submit, c => RunAsync(c, "The proposal was dismissed.") },
        });

    private Task InviteAsync() => Dialogs.ShowAsync<InvitePeopleDialog>("Invite people", new DialogParameters<InvitePeopleDialog>
    {
        { d => d.MeetingId, MeetingId }, { d => d.AlreadyIn, _meeting!.Participants.Select(p => p.UserId).ToList() },
        { d => d.Submit, c => RunAsync(c, "Invited.") }, { d => d.Me, _meeting.Me.UserId },
        { d => d.Start, _meeting.Meeting.StartInstant }, { d => d.Duration, _meeting.Meeting.Duration }, { d => d.TimeZone, TimeZone },
    });

    private async Task RemoveAsync(Guid userId)
    {
        var name = NameOf(userId);
        var confirmed = await Dialogs.ShowMessageBoxAsync("Remove from the meeting",
            $"Remove {name}? They will be told, and will no longer see the meeting.", yesText: "Remove", cancelText: "Keep");
        if (confirmed == true) await RunAsync(new RemovePeople(MeetingId, [userId]), $"{name} was removed.");
    }

    private Task CancelAsync() => Dialogs.ShowAsync<CancelMeetingDialog>("Cancel meeting", new DialogParameters<CancelMeetingDialog>
    {
        { d => d.MeetingId, MeetingId }, { d => d.Submit, c => RunAsync(c, "The meeting is cancelled.") },
    });

    /// <summary>Runs a command and tells the outcome; returns the refusal, if any, for a form to show.</summary>
    private async Task<MeetingError?> RunAsync<TCommand>(TCommand command, string done) where TCommand : IMeetingCommand<TCommand>
    {
        var result = await RunCommandAsync(command, done, _meeting!.Meeting.StartInstant);
        StateHasChanged(); // dialogs call this outside the page's own events
        return result.Error;
    }
}
