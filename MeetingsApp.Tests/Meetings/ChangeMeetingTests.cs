using MeetingsApp.Accounts;
using MeetingsApp.Meetings;
using static MeetingsApp.Tests.Meetings.MeetingSpec;

namespace MeetingsApp.Tests.Meetings;

/// <summary>Editing details, inviting and removing people: Given / When / Then on the pure decisions.</summary>
public sealed class ChangeMeetingTests
{
    private static readonly Guid Dave = Guid.Parse("da7e0000-0000-4000-8000-000000000005");
    private static readonly InvitationAccepted BobAccepted = new(MeetingId, Bob, "see you", Now);

    [Fact]
    public void Edit_RecordsOnlyTheChangedFields_WithTheirPreviousValues() =>
        Given(Scheduled).When(new EditMeetingDetails(MeetingId, " Quarterly planning ", "Quarterly plan", "Room 2"), Alice)
            .Then(new MeetingDetailsEdited(MeetingId, "Quarterly planning", "Planning", null, null, "Room 2", "Room 1", Alice, Now));

    [Fact]
    public void Edit_ClearingTheLocation_RecordsAnEmptyOne()
    {
        Given(Scheduled).When(new EditMeetingDetails(MeetingId, "Planning", "Quarterly plan", "  "), Alice)
            .Then(new MeetingDetailsEdited(MeetingId, null, null, null, null, "", "Room 1", Alice, Now));
        var state = Meeting.Fold([Scheduled, new MeetingDetailsEdited(MeetingId, null, null, null, null, "", "Room 1", Alice, Now)])!;
        Assert.Equal(("Planning", "Quarterly plan", ""), (state.Title, state.Description, state.Location));
    }

    [Fact]
    public void Edit_WhenNothingChanges_IsRejected() =>
        Given(Scheduled).When(new EditMeetingDetails(MeetingId, "Planning ", "Quarterly plan", "Room 1"), Alice).ThenRejected(MeetingErrorCode.NothingChanged);

    [Fact]
    public void Edit_KeepsTheAnswers_AndCountsAsARevision()
    {
        var state = Meeting.Fold([Scheduled, BobAccepted, new MeetingDetailsEdited(MeetingId, "New", "Planning", null, null, null, null, Alice, Now)])!;
        Assert.Equal((InvitationResponse.Accepted, "see you", 3, 1), (state.InviteeOf(Bob)!.Response, state.InviteeOf(Bob)!.Note, state.Version, state.Revision));
    }

    [Theory]
    [InlineData("", null, "Title")]
    [InlineData("Plan", null, null)]
    [InlineData("Plan\u0007", null, "Title")]
    [InlineData("Plan", "two\nlines", "Location")]
    public void Edit_Validation_NamesTheField(string title, string? location, string? failing)
    {
        var errors = new EditMeetingDetailsValidator().Validate(new EditMeetingDetails(MeetingId, title, null, location)).Errors;
        Assert.Equal(failing, errors.Select(e => e.PropertyName).Distinct().SingleOrDefault());
    }

    [Fact]
    public void Edit_ALocationOf500Characters_IsTheLimit()
    {
        var validator = new EditMeetingDetailsValidator();
        Assert.True(validator.Validate(new EditMeetingDetails(MeetingId, "T", null, new string('l', 500))).IsValid);
        Assert.Equal("Location must be at most 500 characters.",
            validator.Validate(new EditMeetingDetails(MeetingId, "T", null, new string('l', 501))).Errors.Single().ErrorMessage);
    }

    [Fact]
    public void Invite_NewPeople_AddsThemAsPending()
    {
        Given(Scheduled).When(new InvitePeople(MeetingId, [Dave, Mallory]), Alice).Then(new PeopleInvited(MeetingId, [Dave, Mallory], Alice, Now));
        var state = Meeting.Fold([Scheduled, BobAccepted, new PeopleInvited(MeetingId, [Dave], Alice, Now)])!;
        Assert.Equal([Bob, Carol, Dave], state.Invitees.Select(i => i.UserId));
        Assert.Equal((InvitationResponse.Pending, InvitationResponse.Accepted, 1), (state.InviteeOf(Dave)!.Response, state.InviteeOf(Bob)!.Response, state.Revision));
    }

    [Fact]
    public void Invite_SomeoneAlreadyInvited_IsRejected() =>
        Given(Scheduled).When(new InvitePeople(MeetingId, [Dave, Bob]), Alice).ThenRejected(MeetingErrorCode.AlreadyInvited);

    [Fact]
    public void Invite_TheOrganiser_IsRejected() =>
        Given(Scheduled).When(new InvitePeople(MeetingId, [Alice]), Alice).ThenRejected(MeetingErrorCode.OrganizerInvited);

    [Fact]
    public void Invite_PastTheLimitOf100_IsRejected()
    {
        var full = Scheduled with { InviteeIds = [.. Enumerable.Range(0, 99).Select(_ => Guid.NewGuid())] };
        Given(full).When(new InvitePeople(MeetingId, [Dave]), Alice).Then(new PeopleInvited(MeetingId, [Dave], Alice, Now));
        Given(full).When(new InvitePeople(MeetingId, [Dave, Mallory]), Alice).ThenRejected(MeetingErrorCode.TooManyInvitees);
    }

    [Fact]
    public void Remove_ACurrentInvitee_TakesThemOff_AndKeepsTheOthersAnswers()
    {
        Given(Scheduled, BobAccepted).When(new RemovePeople(MeetingId, [Carol]), Alice).Then(new PeopleRemoved(MeetingId, [Carol], Alice, Now));
        var state = Meeting.Fold([Scheduled, BobAccepted, new PeopleRemoved(MeetingId, [Carol], Alice, Now)])!;
        Assert.False(state.IsParticipant(Carol));
        Assert.Equal([new Invitee(Bob, InvitationResponse.Accepted, "see you")], state.Invitees);
    }

    [Fact]
    public void Remove_SomeoneNotInvited_IsRejected()
    {
        Given(Scheduled).When(new RemovePeople(MeetingId, [Mallory]), Alice).ThenRejected(MeetingErrorCode.NotInvited);
        Given(Scheduled, new PeopleRemoved(MeetingId, [Bob], Alice, Now)).When(new RemovePeople(MeetingId, [Bob]), Alice).ThenRejected(MeetingErrorCode.NotInvited);
    }

    [Fact]
    public void ARemovedPerson_CanNoLongerAnswer_AndCanBeInvitedAgain()
    {
        Given(Scheduled, new PeopleRemoved(MeetingId, [Bob], Alice, Now)).When(new AcceptInvitation(MeetingId), Bob).ThenRejected(MeetingErrorCode.NotFound);
        Given(Scheduled, new PeopleRemoved(MeetingId, [Bob], Alice, Now)).When(new InvitePeople(MeetingId, [Bob]), Alice)
            .Then(new PeopleInvited(MeetingId, [Bob], Alice, Now));
    }

    [Fact]
    public async Task InviteAndRemove_Validation_WantsSomeoneDistinct()
    {
        var invite = new InvitePeopleValidator(new KnownUsers([Dave]));
        Assert.False((await invite.ValidateAsync(new InvitePeople(MeetingId, []))).IsValid);
        Assert.False((await invite.ValidateAsync(new InvitePeople(MeetingId, [Dave, Dave]))).IsValid);
        Assert.Equal("Invite registered users only.", (await invite.ValidateAsync(new InvitePeople(MeetingId, [Mallory]))).Errors.Single().ErrorMessage);
        Assert.True((await invite.ValidateAsync(new InvitePeople(MeetingId, [Dave]))).IsValid);
        Assert.False(new RemovePeopleValidator().Validate(new RemovePeople(MeetingId, [])).IsValid);
        Assert.False(new RemovePeopleValidator().Validate(new RemovePeople(MeetingId, [Bob, Bob])).IsValid);
    }

    private sealed class KnownUsers(IReadOnlyCollection<Guid> known) : IUserDirectory
    {
        public Task<IReadOnlySet<Guid>> FindExistingAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct = default) =>
            Task.FromResult<IReadOnlySet<Guid>>(ids.Where(known.Contains).ToHashSet());
    }
}
