using Bunit;
using MeetingsApp.Meetings;
using MeetingsApp.Meetings.Pages;
using MudBlazor;

namespace MeetingsApp.Tests.Meetings.Pages;

public sealed class MeetingDialogTests : DialogTest
{
    [Fact]
    public async Task Reschedule_TooSoon_ShowsTheServersRuleBesideTheField_AndStaysOpen()
    {
        var submitted = new List<RescheduleMeeting>();
        var (provider, dialog) = await ShowAsync(new DialogParameters<RescheduleDialog>
        {
            { d => d.Meeting, Meeting(DateTime.UtcNow.AddDays(1)) }, { d => d.TimeZone, TimeZoneInfo.Utc },
            { d => d.Submit, c => { submitted.Add(c); return Task.FromResult<MeetingError?>(null); } },
        });

        provider.Find("input[type=datetime-local]").Input(DateTime.UtcNow.AddMinutes(2).ToString("yyyy-MM-ddTHH:mm"));
        await provider.FindAll("button").Single(b => b.TextContent.Trim() == "Move meeting").ClickAsync(new());

        provider.WaitForAssertion(() => Assert.Contains("The start must be at least 5 minutes from now.", provider.Markup));
        Assert.False(dialog.Result.IsCompleted);
        Assert.Empty(submitted);
    }

    [Fact]
    public async Task Reschedule_TheLengthAlone_OfAMeetingAboutToStart_KeepsItsStart_AndCloses()
    {
        var submitted = new List<RescheduleMeeting>();
        var (provider, dialog) = await ShowAsync(new DialogParameters<RescheduleDialog>
        {
            { d => d.Meeting, Meeting(DateTime.UtcNow.AddMinutes(2)) }, { d => d.TimeZone, TimeZoneInfo.Utc },
            { d => d.Submit, c => { submitted.Add(c); return Task.FromResult<MeetingError?>(null); } },
        });

        provider.FindAll("input").Single(i => i.GetAttribute("value") == "60").Input("90");
        await provider.FindAll("button").Single(b => b.TextContent.Trim() == "Move meeting").ClickAsync(new());

        Assert.False((await dialog.Result)!.Canceled);
        Assert.Equal((null, TimeSpan.FromMinutes(90)), (Assert.Single(submitted).NewStart, Assert.Single(submitted).NewDuration));
    }

    [Fact]
    public async Task Reschedule_ToAValidTimeAndLength_SubmitsThemInUtc_AndCloses()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var submitted = new List<RescheduleMeeting>();
        var (provider, dialog) = await ShowAsync(new DialogParameters<RescheduleDialog>
        {
            { d => d.Meeting, Meeting(DateTime.UtcNow.AddDays(1)) }, { d => d.TimeZone, berlin },
            { d => d.Submit, c => { submitted.Add(c); return Task.FromResult<MeetingError?>(null); } },
        });

        provider.Find("input[type=datetime-local]").Input(DateTime.UtcNow.AddYears(1).ToString("yyyy-12-10T14:00"));
        provider.FindAll("input").Single(i => i.GetAttribute("value") == "60").Input("90");
        await provider.FindAll("button").Single(b => b.TextContent.Trim() == "Move meeting").ClickAsync(new());

        Assert.False((await dialog.Result)!.Canceled);
        var command = Assert.Single(submitted);
        Assert.Equal((13, TimeSpan.FromMinutes(90)), (command.NewStart!.Value.UtcDateTime.Hour, command.NewDuration));
    }

    [Fact]
    public async Task Propose_TooSoon_ShowsTheServersRuleWhileTyping_AndSaysWhichZoneItUses()
    {
        var submitted = new List<ProposeNewTime>();
        var (provider, dialog) = await ShowAsync(new DialogParameters<ProposeTimeDialog>
        {
            { d => d.Meeting, Meeting(DateTime.UtcNow.AddDays(1)) }, { d => d.TimeZone, TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo") },
            { d => d.Submit, c => { submitted.Add(c); return Task.FromResult<MeetingError?>(null); } },
        });

        Assert.Contains("Your time (Asia/Tokyo)", provider.Markup);
        var start = provider.Find("input[type=datetime-local]");
        start.Input(DateTime.UtcNow.AddHours(9).AddMinutes(2).ToString("yyyy-MM-ddTHH:mm"));
        await start.BlurAsync(new());

        provider.WaitForAssertion(() => Assert.Contains("The start must be at least 5 minutes from now.", provider.Markup));
        await provider.FindAll("button").Single(b => b.TextContent.Trim() == "Propose").ClickAsync(new());
        Assert.False(dialog.Result.IsCompleted);
        Assert.Empty(submitted);
    }

    [Fact]
    public async Task Propose_AValidTime_SubmitsItInUtcWithTheNote_TheLengthOnlyWhenChanged_AndCloses()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var submitted = new List<ProposeNewTime>();
        var meeting = Meeting(DateTime.UtcNow.AddDays(1));
        var (provider, dialog) = await ShowAsync(new DialogParameters<ProposeTimeDialog>
        {
            { d => d.Meeting, meeting }, { d => d.TimeZone, berlin },
            { d => d.Submit, c => { submitted.Add(c); return Task.FromResult<MeetingError?>(null); } },
        });

        provider.Find("input[type=datetime-local]").Input(DateTime.UtcNow.AddYears(1).ToString("yyyy-12-10T14:00"));
        provider.Find("textarea").Input("Clash with standup");
        await provider.FindAll("button").Single(b => b.TextContent.Trim() == "Propose").ClickAsync(new());

        Assert.False((await dialog.Result)!.Canceled);
        var command = Assert.Single(submitted);
        Assert.Equal((meeting.MeetingId, 13, (TimeSpan?)null, "Clash with standup"), (command.MeetingId, command.Start.UtcDateTime.Hour, command.Duration, command.Note));
        Assert.NotEqual(Guid.Empty, command.ProposalId);
    }

    [Fact]
    public async Task Dismiss_SendsTheReason_ARefusalKeepsTheDialogOpen()
    {
        var submitted = new List<DismissProposal>();
        var (meetingId, proposalId) = (Guid.NewGuid(), Guid.NewGuid());
        var (provider, dialog) = await ShowAsync(new DialogParameters<DismissProposalDialog>
        {
            { d => d.MeetingId, meetingId }, { d => d.ProposalId, proposalId }, { d => d.ProposerName, "Bob Brown (bob@example.com)" },
            { d => d.Proposal, "Bob Brown (bob@example.com) proposes Thu 10 Dec 2026, 14:00 – 15:00 (1 h)" },
            { d => d.Submit, c =>
                {
                    submitted.Add(c);
                    return Task.FromResult<MeetingError?>(submitted.Count == 1 ? ProposalRules.NotOpen : null);
                } },
        });

        Assert.Contains("Bob Brown (bob@example.com) proposes Thu 10 Dec 2026, 14:00", provider.Markup);
        provider.Find("textarea").Input("The room is taken");
        await provider.FindAll("button").Single(b => b.TextContent.Trim() == "Dismiss").ClickAsync(new());
        provider.WaitForAssertion(() => Assert.Equal(ProposalRules.NotOpen.Message, provider.Find("[data-testid=refusal]").TextContent.Trim()));
        Assert.False(dialog.Result.IsCompleted);

        await provider.FindAll("button").Single(b => b.TextContent.Trim() == "Dismiss").ClickAsync(new());
        Assert.False((await dialog.Result)!.Canceled);
        Assert.All(submitted, c => Assert.Equal((meetingId, proposalId, "The room is taken"), (c.MeetingId, c.ProposalId, c.Reason)));
    }

    [Fact]
    public async Task Edit_ARefusalFromTheServer_ShowsBesideItsField_AndKeepsWhatWasTyped()
    {
        var refusal = new MeetingError(MeetingErrorCode.Invalid, "Location is not allowed here.")
        {
            Fields = new Dictionary<string, string[]> { ["Location"] = ["Location is not allowed here."] },
        };
        var (provider, dialog) = await ShowAsync(new DialogParameters<EditDetailsDialog>
        {
            { d => d.Meeting, Meeting(DateTime.UtcNow.AddDays(1)) }, { d => d.Submit, _ => Task.FromResult<MeetingError?>(refusal) },
        });

        var location = provider.FindAll("input").Single(i => i.GetAttribute("value") == "Room 1");
        location.Input("Room 9");
        await provider.FindAll("button").Single(b => b.TextContent.Trim() == "Save").ClickAsync(new());

        provider.WaitForAssertion(() => Assert.Contains("Location is not allowed here.", provider.Markup));
        Assert.False(dialog.Result.IsCompleted);
        Assert.Contains(provider.FindAll("input"), i => i.GetAttribute("value") == "Room 9");
    }

    [Fact]
    public async Task Edit_AnEmptyTitle_IsRefusedBesideTheField_BeforeTheServerIsAsked()
    {
        var asked = false;
        var (provider, _) = await ShowAsync(new DialogParameters<EditDetailsDialog>
        {
            { d => d.Meeting, Meeting(DateTime.UtcNow.AddDays(1)) }, { d => d.Submit, _ => { asked = true; return Task.FromResult<MeetingError?>(null); } },
        });

        provider.FindAll("input").Single(i => i.GetAttribute("value") == "Planning").Input(" ");
        await provider.FindAll("button").Single(b => b.TextContent.Trim() == "Save").ClickAsync(new());

        provider.WaitForAssertion(() => Assert.Contains("Title is required.", provider.Markup));
        Assert.False(asked);
    }

    [Fact]
    public async Task Edit_AGeneralRefusal_IsShownInTheDialog()
    {
        var (provider, dialog) = await ShowAsync(new DialogParameters<EditDetailsDialog>
        {
            { d => d.Meeting, Meeting(DateTime.UtcNow.AddDays(1)) },
            { d => d.Submit, _ => Task.FromResult<MeetingError?>(new MeetingError(MeetingErrorCode.NothingChanged, "Nothing was changed.")) },
        });

        await provider.FindAll("button").Single(b => b.TextContent.Trim() == "Save").ClickAsync(new());

        provider.WaitForAssertion(() => Assert.Equal("Nothing was changed.", provider.Find("[data-testid=refusal]").TextContent.Trim()));
        Assert.False(dialog.Result.IsCompleted);
    }

    [Fact]
    public async Task Cancel_SendsTheReason_ARefusalKeepsTheDialogOpen_WithWhatWasTyped()
    {
        var submitted = new List<CancelMeeting>();
        var (meetingId, refusal) = (Guid.NewGuid(), MeetingError.NotScheduled(MeetingStatus.Finished));
        var (provider, dialog) = await ShowAsync(new DialogParameters<CancelMeetingDialog>
        {
            { d => d.MeetingId, meetingId },
            { d => d.Submit, c =>
                {
                    submitted.Add(c);
                    return Task.FromResult<MeetingError?>(submitted.Count == 1 ? refusal : null);
                } },
        });

        provider.Find("textarea").Input("Nobody can come");
        await provider.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel meeting").ClickAsync(new());
        provider.WaitForAssertion(() => Assert.Equal(refusal.Message, provider.Find("[data-testid=refusal]").TextContent.Trim()));
        Assert.False(dialog.Result.IsCompleted);

        await provider.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel meeting").ClickAsync(new());
        Assert.False((await dialog.Result)!.Canceled);
        Assert.All(submitted, c => Assert.Equal((meetingId, "Nobody can come"), (c.MeetingId, c.Reason)));
    }

    [Fact]
    public async Task Cancel_AReasonWithAControlCharacter_IsRefusedBesideTheField_BeforeTheServerIsAsked()
    {
        var asked = false;
        var (provider, dialog) = await ShowAsync(new DialogParameters<CancelMeetingDialog>
        {
            { d => d.MeetingId, Guid.NewGuid() }, { d => d.Submit, _ => { asked = true; return Task.FromResult<MeetingError?>(null); } },
        });

        provider.Find("textarea").Input("Nobody\u0007 can come");
        await provider.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel meeting").ClickAsync(new());

        provider.WaitForAssertion(() => Assert.Contains("The reason cannot contain control characters.", provider.Markup));
        Assert.False(asked);
        Assert.False(dialog.Result.IsCompleted);

        await provider.FindAll("button").Single(b => b.TextContent.Trim() == "Keep the meeting").ClickAsync(new());
        Assert.True((await dialog.Result)!.Canceled);
    }
}
