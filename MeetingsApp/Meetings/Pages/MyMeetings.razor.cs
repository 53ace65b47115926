using MeetingsApp.Accounts;
using MeetingsApp.Shared;
using Microsoft.AspNetCore.Components;

namespace MeetingsApp.Meetings.Pages;

/// <summary>
/// "My meetings" now: upcoming, past or cancelled, searchable by title, from the meeting read model, refreshed live.
/// The list as it was at another instant is the timeline's page (<see cref="AsOfPicker"/>).
/// </summary>
public sealed partial class MyMeetings
{
    private static readonly (MeetingListTab Tab, string Text)[] Tabs =
        [(MeetingListTab.Upcoming, "Upcoming"), (MeetingListTab.Past, "Past"), (MeetingListTab.Cancelled, "Cancelled")];

    private const string SelectedTab = "mud-button-root mud-button mud-button-filled mud-button-filled-primary mud-button-filled-size-medium mud-ripple "
        + "mud-toggle-item mud-toggle-item-selected mud-toggle-item-delimiter mud-toggle-item-size-medium";

    private const string OtherTab = "mud-button-root mud-button mud-button-outlined mud-button-outlined-primary mud-button-outlined-size-medium mud-ripple "
        + "mud-toggle-item mud-toggle-item-delimiter mud-toggle-item-size-medium";

    private static readonly string[] Columns = ["Meeting", "When", "Organiser", "Answers", "Status", "You"];

    private readonly LatestRead _reads = new();
    private ListPage<MeetingListItem>? _page;
    private int _number; // the page last asked for, which a live change reads again: not always the one shown yet
    private IReadOnlyDictionary<Guid, UserSummary> _names = new Dictionary<Guid, UserSummary>();
    private MeetingListTab _tab = MeetingListTab.Upcoming;
    private string? _search;

    [Inject] private MeetingQueries Queries { get; set; } = null!;

    [Inject] private UserDirectory Users { get; set; } = null!;

    [Inject] private NavigationManager Navigation { get; set; } = null!;

    [CascadingParameter] private SignedInUser Me { get; set; } = null!;

    [CascadingParameter] private TimeZoneInfo TimeZone { get; set; } = TimeZoneInfo.Utc;

    /// <summary>Links from before the past had a page of its own (<c>/meetings?asOf=...</c>) still open it.</summary>
    [SupplyParameterFromQuery(Name = "asOf")] public string? OldAsOfLink { get; set; }

    protected override Task OnParametersSetAsync()
    {
        if (Times.TryParseInstant(OldAsOfLink) is { } instant)
        {
            Navigation.NavigateTo(AsOfPicker.PastAt(instant), replace: true);
            return Task.CompletedTask;
        }
        return LoadAsync();
    }

    /// <summary>Reads the page last asked for again: a live change, or the parameters set again.</summary>
    private Task LoadAsync() => ShowPageAsync(_number);

    private async Task ShowPageAsync(int number)
    {
        var read = _reads.Start();
        _number = number;
        var page = await Queries.MyMeetingsAsync(Me.Id, _tab, _search, number);
        var names = await Users.GetAsync(page.Items.Select(i => i.Meeting.OrganizerId));
        if (_reads.IsLatest(read)) (_page, _names, _number) = (page, names, page.Number); // a page past the end read as the last
    }

    private Task SelectTabAsync(MeetingListTab tab)
    {
        _tab = tab;
        return ShowPageAsync(0);
    }

    private Task SearchAsync(string? search)
    {
        _search = search;
        return ShowPageAsync(0);
    }

    private string NameOf(Guid userId) => _names.TryGetValue(userId, out var user) ? user.DisplayName : "Unknown";
}
