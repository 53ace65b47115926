using Bunit;
using MeetingsApp.Demo;
using MeetingsApp.EventStore;
using MeetingsApp.Meetings;
using MeetingsApp.Meetings.Pages;

namespace MeetingsApp.Tests.Meetings.Pages;

/// <summary>Proposed times on the meeting page: invitees propose, the organiser accepts or dismisses, everyone sees who proposed what.</summary>
public sealed class MeetingPageProposalTests : BunitTest
{
    private static readonly Guid Planning = DemoData.Id("meeting:planning"); // Alice organises; Bob, Carol and Dave are invited
    private static readonly DateTimeOffset Proposed = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(6).AddHours(9);

    private IRenderedComponent<MeetingPage> RenderPlanning() => Ctx.Render<MeetingPage>(p => p.Add(x => x.MeetingId, Planning));

    private static IEnumerable<string> Buttons(IRenderedComponent<MeetingPage> page) => page.FindAll("button").Select(b => b.TextContent.Trim());

    private async Task<Guid> BobProposesAsync()
    {
        var id = Guid.NewGuid();
        var result = await Services.Get<MeetingCommandHandler>().HandleAsync(new ProposeNewTime(Planning, id, Proposed, TimeSpan.FromMinutes(45), "Clash with standup"),
            new CommandContext(DemoData.Id("user:bob"), Guid.NewGuid()));
        Assert.True(result.Succeeded);
        await CaughtUpAsync();
        return id;
    }

    [Fact]
    public async Task TheOrganiser_SeesWhoProposedWhat_WithTheirEmail_AndMayAcceptOrDismiss()
    {
        await BobProposesAsync();
        SignIn("alice");

        var page = RenderPlanning();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=proposal]")));
        var proposal = page.Find("[data-testid=proposal]");
        Assert.Contains("Bob Brown (bob@example.com) proposes", proposal.TextContent);
        Assert.Equal($"{Proposed.UtcDateTime:ddd d MMM yyyy}, 09:00 – 09:45 (45 min)", page.Find("[data-testid=proposal-when]").TextContent); // UTC reader
        Assert.Equal("“Clash with standup”", page.Find("[data-testid=proposal-note]").TextContent);
        Assert.NotNull(page.Find("button[aria-label='Accept the time Bob Brown (bob@example.com) proposed']"));
        Assert.NotNull(page.Find("button[aria-label='Dismiss the time Bob Brown (bob@example.com) proposed']"));
        Assert.DoesNotContain("Propose a new time", Buttons(page));
    }

    [Fact]
    public async Task AnInvitee_SeesTheProposals_WithoutTheOrganisersButtons_AndMayProposeToo()
    {
        await BobProposesAsync();
        SignIn("dave");

        var page = RenderPlanning();

        page.WaitForAssertion(() => Assert.Contains("Propose a new time", Buttons(page)));
        Assert.Contains("Bob Brown (bob@example.com) proposes", page.Find("[data-testid=proposal]").TextContent);
        Assert.Empty(page.FindAll("button[aria-label^='Accept the time']"));
        Assert.Empty(page.FindAll("button[aria-label^='Dismiss the time']"));
    }

    [Fact]
    public void WithoutProposals_ThereIsNoList()
    {
        SignIn("alice");
        var page = RenderPlanning();
        page.WaitForAssertion(() => Assert.Contains("Reschedule", Buttons(page)));
        Assert.Empty(page.FindAll("[data-testid=proposals]"));
    }

    [Fact]
    public async Task Accepting_AfterConfirming_MovesTheMeetingToTheProposal_AndTheListEmpties()
    {
        var proposalId = await BobProposesAsync();
        SignIn("alice");
        var dialogs = Ctx.Render<MudBlazor.MudDialogProvider>();
        var page = RenderPlanning();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=proposal]")));

        var accepting = page.Find("button[aria-label='Accept the time Bob Brown (bob@example.com) proposed']").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains("Bob Brown (bob@example.com) counts as accepted", dialogs.Markup));
        await dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Move meeting").ClickAsync(new());
        await accepting;

        var last = (await Services.Get<IEventStore>().ReadStreamAsync(Planning))[^1];
        var moved = Assert.IsType<MeetingRescheduled>(last.Data);
        Assert.Equal((Proposed, TimeSpan.FromMinutes(45), new AcceptedProposal(proposalId, DemoData.Id("user:bob"))),
            (moved.NewStart, moved.NewDuration, moved.AcceptedProposal));
        await CaughtUpAsync();
        var again = RenderPlanning();
        again.WaitForAssertion(() => Assert.Contains("1 accepted", again.Find("[data-testid=response-counts]").TextContent));
        Assert.Empty(again.FindAll("[data-testid=proposal]"));
    }

    [Fact]
    public async Task AnInvitee_ProposesThroughTheDialog()
    {
        SignIn("dave");
        var dialogs = Ctx.Render<MudBlazor.MudDialogProvider>();
        var page = RenderPlanning();
        page.WaitForAssertion(() => Assert.Contains("Propose a new time", Buttons(page)));

        await page.FindAll("button").Single(b => b.TextContent.Trim() == "Propose a new time").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find("input[type=datetime-local]")));
        dialogs.Find("input[type=datetime-local]").Input(Proposed.UtcDateTime.ToString("yyyy-MM-ddTHH:mm"));
        dialogs.Find("textarea").Input("Mornings suit me");
        await dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Propose").ClickAsync(new());

        var last = (await Services.Get<IEventStore>().ReadStreamAsync(Planning))[^1];
        var proposal = Assert.IsType<TimeProposed>(last.Data);
        Assert.Equal((DemoData.Id("user:dave"), Proposed, TimeSpan.FromMinutes(90), "Mornings suit me"),
            (proposal.ProposedBy, proposal.Start, proposal.Duration, proposal.Note));
    }
}
