using System.Text.Json;
using MeetingsApp.Accounts;
using MeetingsApp.Shared;
using MeetingsApp.EventStore;
using MeetingsApp.Meetings;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace MeetingsApp.Timeline;

/// <summary>
/// Time travel through one meeting: a slider over its versions shows the meeting exactly as it was after each event,
/// with what that event changed highlighted. The URL carries the version (?v=3), so a past state can be shared.
/// </summary>
public sealed partial class TimelinePage
{
    private static readonly JsonSerializerOptions PrettyJson = new(EventTypeRegistry.Json) { WriteIndented = true };
    private static readonly TimeSpan PlayInterval = TimeSpan.FromMilliseconds(900);

    private readonly LatestRead _reads = new();
    private MeetingTimeline? _timeline;
    private HistoryStep? _step;
    private int _version;
    private IReadOnlyDictionary<Guid, UserSummary> _names = new Dictionary<Guid, UserSummary>();
    private readonly HashSet<int> _showData = [];
    private bool _playing;
    private CancellationTokenSource? _play;
    private string? _asOf;
    private string? _asOfMessage;
    private ILookup<long, MeetingsApp.Email.OutboxMessage> _mail = Enumerable.Empty<MeetingsApp.Email.OutboxMessage>().ToLookup(m => m.EventPosition!.Value);

    [Parameter] public Guid MeetingId { get; set; }

    /// <summary>The version to show; text, so a hand-edited "?v=abc" shows the latest instead of failing the page.</summary>
    [SupplyParameterFromQuery(Name = "v")] public string? V { get; set; }

    [Inject] private MeetingHistory History { get; set; } = null!;
    [Inject] private MeetingsApp.Email.OutboxQueries Outbox { get; set; } = null!;
    [Inject] private UserDirectory Users { get; set; } = null!;
    [Inject] private NavigationManager Navigation { get; set; } = null!;

    [CascadingParameter] private SignedInUser Me { get; set; } = null!;
    [CascadingParameter] private TimeZoneInfo TimeZone { get; set; } = TimeZoneInfo.Utc;

    protected override async Task OnParametersSetAsync()
    {
        if ((_timeline is null || _timeline.Steps[0].Event.StreamId != MeetingId) && !await LoadAsync()) return;
        Show(AskedVersion ?? _timeline!.Latest);
    }

    /// <summary>The version the address asks for, if it names one.</summary>
    private int? AskedVersion => int.TryParse(V, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;

    /// <summary>Reads the meeting's history; false when a later read was started meanwhile, or there is none to show.</summary>
    private async Task<bool> LoadAsync()
    {
        var read = _reads.Start();
        var timeline = await History.GetAsync(MeetingId, Me.Id);
        if (timeline is null)
        {
            if (!_reads.IsLatest(read)) return false;
            _timeline = null;
            Navigation.NotFound();
            return false;
        }
        // Everyone who was ever invited, so removed people are named too.
        var latest = timeline.Steps[^1].After;
        var names = await Users.GetAsync(timeline.Steps.SelectMany(s => s.After.Invitees.Select(i => i.UserId)).Append(latest.OrganizerId));
        // What each event caused by e-mail: all of it for the organiser, one's own messages for anyone else.
        var mail = await Outbox.ForMeetingAsync(MeetingId, latest.OrganizerId == Me.Id ? null : Me.Id);
        if (!_reads.IsLatest(read)) return false;
        (_timeline, _names, _mail) = (timeline, names, mail);
        return true;
    }

    /// <summary>A new event arrived: the slider grows, and follows it if it was at the end.</summary>
    private async Task ReloadAsync()
    {
        // Before the first load has shown anything (a live catch-up overtook it), the address still says which version to show.
        var shown = _timeline is null ? AskedVersion : _version == _timeline.Latest ? null : _version;
        if (await LoadAsync()) Show(shown ?? _timeline!.Latest);
    }

    private void Show(int version)
    {
        _version = Math.Clamp(version, 1, _timeline!.Latest);
        _step = _timeline.At(_version);
    }

    private Task GoToAsync(int version)
    {
        Show(version);
        // Replace, not push: scrubbing should not fill the browser's history.
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("v", _version), replace: true);
        return Task.CompletedTask;
    }

    private Task OnKeyDown(KeyboardEventArgs e) => e.Key switch
    {
        "ArrowLeft" => GoToAsync(_version - 1),
        "ArrowRight" => GoToAsync(_version + 1),
        "Home" => GoToAsync(1),
        "End" => GoToAsync(_timeline!.Latest),
        _ => Task.CompletedTask,
    };

    private void TogglePlay()
    {
        if (_playing)
        {
            _play?.Cancel();
            return;
        }
        _play = new CancellationTokenSource();
        _ = PlayAsync(_play.Token);
    }

    private async Task PlayAsync(CancellationToken ct)
    {
        _playing = true;
        try
        {
            if (_version >= _timeline!.Latest) await GoToAsync(1);
            using var timer = new PeriodicTimer(PlayInterval);
            while (_version < _timeline.Latest && await timer.WaitForNextTickAsync(ct))
                await InvokeAsync(async () => { await GoToAsync(_version + 1); StateHasChanged(); });
        }
        catch (OperationCanceledException)
        {
            // Paused.
        }
        catch (Exception ex)
        {
            await DispatchExceptionAsync(ex);
        }
        finally
        {
            _playing = false;
            await InvokeAsync(StateHasChanged);
        }
    }

    private Task GoToInstantAsync()
    {
        if (Times.FromLocalInput(_asOf, TimeZone) is not { } instant)
        {
            _asOfMessage = "Enter a date and time.";
            return Task.CompletedTask;
        }
        var version = _timeline!.VersionAt(instant);
        _asOfMessage = version == 0 ? "The meeting did not exist yet then; showing its first version." : null;
        return GoToAsync(Math.Max(version, 1));
    }

    private void ToggleData(int version)
    {
        if (!_showData.Remove(version)) _showData.Add(version);
    }

    private string? Changed(string field) => _step!.Changed.Contains(field) ? "changed" : null;

    private string NameOf(Guid userId) => _names.TryGetValue(userId, out var user) ? user.DisplayName : "Unknown";

    private static string Pretty(object value) => JsonSerializer.Serialize(value, value.GetType(), PrettyJson);

    private string Describe(HistoryStep step) => TimelineSentences.Describe(step, NameOf, TimeZone);

    /// <summary>A side effect of an event, as a line under it: "invitation e-mailed to Bob Brown, 10:02".</summary>
    private string Outcome(MeetingsApp.Email.OutboxMessage m)
    {
        var what = $"{m.Purpose} to {NameOf(m.RecipientId!.Value)}";
        return m.Status switch
        {
            MeetingsApp.Email.OutboxStatus.Sent => $"{m.Purpose} e-mailed to {NameOf(m.RecipientId!.Value)}, {m.SentAt?.Show(TimeZone)}",
            // Final only when the server refused it for good (DeliveryFailures): its answer says why.
            MeetingsApp.Email.OutboxStatus.Failed => $"{what}: refused by the mail server: {m.LastError}",
            MeetingsApp.Email.OutboxStatus.NotSent => $"{what}: not sent ({m.LastError})",
            _ when m.Attempts > 0 => $"{what}: not delivered yet after {m.Attempts} {(m.Attempts == 1 ? "try" : "tries")}, retrying: {m.LastError}",
            _ => $"{what}: waiting to be sent",
        };
    }

    /// <summary>The people this step took off the meeting, to show them struck through in the state view.</summary>
    private IEnumerable<Guid> RemovedBy(HistoryStep step) => step.Event.Data is PeopleRemoved e ? e.UserIds : [];

    public void Dispose()
    {
        _play?.Cancel();
        _play?.Dispose();
    }
}
