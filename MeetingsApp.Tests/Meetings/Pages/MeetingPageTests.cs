using Bunit;
using MeetingsApp.Demo;
using MeetingsApp.EventStore;
using MeetingsApp.Meetings;
using MeetingsApp.Meetings.Pages;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace MeetingsApp.Tests.Meetings.Pages;

public sealed class MeetingPageTests : BunitTest
{
    private static readonly Guid Planning = DemoData.Id("meeting:planning");

    private IRenderedComponent<MeetingPage> RenderPlanning() =>
        Ctx.Render<MeetingPage>(p => p.Add(x => x.MeetingId, Planning));

    private static List<string> Buttons(IRenderedComponent<MeetingPage> page) =>
        page.FindAll("button").Select(b => b.TextContent.Trim()).ToList();

    [Fact]
    public void AnInviteeWhoHasNotAnswered_SeesAcceptAndDecline_NotTheOrganisersActions()
    {
        SignIn("dave");

        var page = RenderPlanning();

        page.WaitForAssertion(() => Assert.Contains("Accept", Buttons(page)));
        Assert.Contains("Decline", Buttons(page));
        Assert.DoesNotContain("Reschedule", Buttons(page));
        Assert.DoesNotContain("Cancel meeting", Buttons(page));
        Assert.Contains("2 accepted · 0 maybe · 0 declined · 1 pending", page.Find("[data-testid=response-counts]").TextContent);
        Assert.Equal(4, page.FindAll("[data-testid=participant]").Count);
    }

    [Fact]
    public void TheOrganiser_SeesRescheduleCancelAndFinish_NotAccept()
    {
        SignIn("alice");

        var page = RenderPlanning();

        page.WaitForAssertion(() => Assert.Contains("Reschedule", Buttons(page)));
        Assert.Contains("Cancel meeting", Buttons(page));
        Assert.Contains("Finish", Buttons(page));
        Assert.DoesNotContain("Accept", Buttons(page));
        // Finishing waits for the start.
        Assert.True(page.FindAll("button").Single(b => b.TextContent.Trim() == "Finish").HasAttribute("disabled"));
    }

    /// <summary>The page reads names only for people it has not named yet: one invited meanwhile is named, not "Unknown".</summary>
    [Fact]
    public async Task SomeoneInvitedWhileThePageIsOpen_IsNamedWhenTheLiveChangeArrives()
    {
        SignIn("alice");
        var page = RenderPlanning();
        page.WaitForAssertion(() => Assert.Equal(4, page.FindAll("[data-testid=participant]").Count));

        var invited = await Services.Get<MeetingCommandHandler>().HandleAsync(new InvitePeople(Planning, [DemoData.Id("user:erin")]),
            new CommandContext(DemoData.Id("user:alice"), Guid.NewGuid()));
        Assert.True(invited.Succeeded);
        await CaughtUpAsync();
        var live = page.FindComponent<MeetingsApp.Live.LiveUpdates>().Instance;
        await page.InvokeAsync(() => live.MeetingChanged(Planning, invited.Appended!.LastVersion, invited.Appended.LastPosition));

        page.WaitForAssertion(() => Assert.Equal(5, page.FindAll("[data-testid=participant]").Count));
        Assert.Contains(page.FindAll("[data-testid=participant]"), p => p.TextContent.Contains("Erin Evans (erin@example.com)"));
        Assert.DoesNotContain(page.FindAll("[data-testid=participant]"), p => p.TextContent.Contains("Unknown"));
    }

    [Fact]
    public async Task SomeoneRemovedWhileThePageIsOpen_IsToldSo_AndSeesTheMeetingAgainOnceInvitedBack()
    {
        SignIn("dave");
        var page = RenderPlanning();
        page.WaitForAssertion(() => Assert.Contains("Accept", Buttons(page)));
        var live = page.FindComponent<MeetingsApp.Live.LiveUpdates>().Instance;
        async Task AliceAsync<TCommand>(TCommand command) where TCommand : IMeetingCommand<TCommand>
        {
            var result = await Services.Get<MeetingCommandHandler>().HandleAsync(command, new CommandContext(DemoData.Id("user:alice"), Guid.NewGuid()));
            Assert.True(result.Succeeded);
            await CaughtUpAsync();
            await page.InvokeAsync(() => live.MeetingChanged(Planning, result.Appended!.LastVersion, result.Appended.LastPosition));
        }

        await AliceAsync(new RemovePeople(Planning, [DemoData.Id("user:dave")]));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=removed]")));

        await AliceAsync(new InvitePeople(Planning, [DemoData.Id("user:dave")]));
        page.WaitForAssertion(() => Assert.Contains("Accept", Buttons(page)));
        Assert.Empty(page.FindAll("[data-testid=removed]"));
    }

    /// <summary>The page is reused when only the id changes: another meeting one cannot see is "not found", not "removed".</summary>
    [Fact]
    public void GoingFromAMeetingToOneThatIsNotTheirs_IsNotFound_NotRemoved()
    {
        SignIn("dave");
        var page = RenderPlanning();
        page.WaitForAssertion(() => Assert.Contains("Accept", Buttons(page)));
        var notFound = false;
        Ctx.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().OnNotFound += (_, _) => notFound = true;

        page.Render(p => p.Add(x => x.MeetingId, Guid.NewGuid()));

        page.WaitForAssertion(() => Assert.True(notFound));
        Assert.Empty(page.FindAll("[data-testid=removed]"));
    }

    [Fact]
    public async Task Accepting_RecordsTheAnswer()
    {
        SignIn("dave");
        var page = RenderPlanning();
        page.WaitForAssertion(() => Assert.Contains("Accept", Buttons(page)));

        await page.FindAll("button").Single(b => b.TextContent.Trim() == "Accept").ClickAsync(new());

        var last = (await Services.Get<IEventStore>().ReadStreamAsync(Planning))[^1];
        Assert.Equal(DemoData.Id("user:dave"), Assert.IsType<InvitationAccepted>(last.Data).UserId);
    }

    /// <summary>What an ended session leaves on screen (a dialog, say) acts for nobody: the actor is read when the command is sent.</summary>
    [Fact]
    public async Task ACommandSentAfterTheSessionEnded_IsRefused_AndChangesNothing()
    {
        var auth = SignIn("dave");
        var page = RenderPlanning();
        page.WaitForAssertion(() => Assert.Contains("Accept", Buttons(page)));
        var version = (await Services.Get<IEventStore>().ReadPayloadsAsync(Planning)).Count;

        auth.SetNotAuthorized(); // what SessionAuthenticationStateProvider does when the session ends elsewhere
        await page.FindAll("button").Single(b => b.TextContent.Trim() == "Accept").ClickAsync(new());

        var snackbar = Ctx.Services.GetRequiredService<ISnackbar>();
        Assert.Contains(snackbar.ShownSnackbars, s => s.Message == MeetingError.NotSignedIn.Message && s.Severity == Severity.Error);
        Assert.Equal(version, (await Services.Get<IEventStore>().ReadPayloadsAsync(Planning)).Count);
    }

    [Fact]
    public async Task ARejectedCommand_ShowsItsReason_AndChangesNothing()
    {
        SignIn("dave");
        var page = RenderPlanning();
        page.WaitForAssertion(() => Assert.Contains("Accept", Buttons(page)));
        // Meanwhile, Alice cancels: the page Dave is looking at is out of date.
        await Services.Get<MeetingCommandHandler>().HandleAsync(new CancelMeeting(Planning), new CommandContext(DemoData.Id("user:alice"), Guid.NewGuid()));
        var version = (await Services.Get<IEventStore>().ReadPayloadsAsync(Planning)).Count;

        await page.FindAll("button").Single(b => b.TextContent.Trim() == "Accept").ClickAsync(new());

        var snackbar = Ctx.Services.GetRequiredService<ISnackbar>();
        Assert.Contains(snackbar.ShownSnackbars, s => s.Message == "The meeting is cancelled." && s.Severity == Severity.Error);
        Assert.Equal(version, (await Services.Get<IEventStore>().ReadPayloadsAsync(Planning)).Count);
    }

    [Fact]
    public async Task Maybe_WithANote_IsRecorded_AndTheNoteIsShownBesideTheName()
    {
        SignIn("dave");
        var page = RenderPlanning();
        page.WaitForAssertion(() => Assert.Contains("Maybe", Buttons(page)));

        page.Find("[data-testid=answer] input").Input("only the first half");
        await page.FindAll("button").Single(b => b.TextContent.Trim() == "Maybe").ClickAsync(new());

        var last = (await Services.Get<IEventStore>().ReadStreamAsync(Planning))[^1];
        var maybe = Assert.IsType<InvitationTentativelyAccepted>(last.Data);
        Assert.Equal((DemoData.Id("user:dave"), "only the first half"), (maybe.UserId, maybe.Note));
        await CaughtUpAsync();
        var again = RenderPlanning();
        again.WaitForAssertion(() => Assert.Contains("“only the first half”", again.FindAll("[data-testid=participant-note]").Select(n => n.TextContent)));
    }

    [Fact]
    public void TheOrganiser_SeesEditInviteAndARemoveButtonPerInvitee_NamedWithTheirEmail()
    {
        SignIn("alice");

        var page = RenderPlanning();

        page.WaitForAssertion(() => Assert.Contains("Edit", Buttons(page)));
        Assert.Contains("Invite people", Buttons(page));
        var removes = page.FindAll("button[aria-label^=Remove]").Select(b => b.GetAttribute("aria-label")).ToList();
        Assert.Equal(["Remove Bob Brown (bob@example.com)", "Remove Carol Clark (carol@example.com)", "Remove Dave Davis (dave@example.com)"], removes);
        Assert.Contains("Bob Brown (bob@example.com)", page.Find("[data-testid=participant]").ParentElement!.TextContent);
    }

    [Fact]
    public void AnInvitee_SeesNoOrganiserActions_AndNoRemoveButtons()
    {
        SignIn("bob");

        var page = RenderPlanning();

        page.WaitForAssertion(() => Assert.Contains("Maybe", Buttons(page)));
        Assert.DoesNotContain("Edit", Buttons(page));
        Assert.DoesNotContain("Invite people", Buttons(page));
        Assert.Empty(page.FindAll("button[aria-label^=Remove]"));
    }
}
