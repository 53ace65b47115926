using System.Diagnostics;
using MeetingsApp.Calendar;
using MeetingsApp.Calendar.Pages;
using MeetingsApp.Data;
using MeetingsApp.Demo;
using MeetingsApp.EventStore;
using MeetingsApp.EventStore.Subscriptions;
using MeetingsApp.Meetings;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace MeetingsApp.Verbs;

/// <summary>The bench figures of the calendar: a busy person's week, and "Suggest times" for a crowded group.</summary>
internal static class BenchCalendar
{
    private const int Runs = 30;

    /// <summary>
    /// A person with <paramref name="meetings"/> meetings over two years (about fifty a week): milliseconds for the week's
    /// query, and for laying it out and rendering the week grid to HTML, as medians.
    /// </summary>
    public static async Task<(double QueryMs, double RenderMs, int Blocks)> WeekAsync(BenchDatabase database, int meetings)
    {
        await using var services = await database.ServicesAsync("calendar");
        var person = await services.Provider.CreateUserAsync("Busy Person", "busy@bench.example");
        var monday = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(7 - ((int)DateTime.UtcNow.DayOfWeek + 6) % 7), TimeSpan.Zero);
        await WriteAsync(services, person, [], meetings, i => monday.AddDays(i % 700 / 7 * 7 - 350 + i % 7).AddHours(8 + i % 9));
        await services.Get<SubscriptionHost<AppDbContext>>().RebuildAsync(MeetingProjection.SubscriberName);

        var queries = services.Get<CalendarQueries>();
        var (first, last) = CalendarLayout.Days(CalendarView.Week, DateOnly.FromDateTime(monday.UtcDateTime));
        var (from, to) = CalendarLayout.Window(first, last, TimeZoneInfo.Utc);
        IReadOnlyList<CalendarEntry> week = [];
        var query = await MedianAsync(async () => week = await queries.MyCalendarAsync(person, from, to));

        await using var renderer = new HtmlRenderer(services.Provider, services.Get<ILoggerFactory>());
        var render = await MedianAsync(() => renderer.Dispatcher.InvokeAsync(async () =>
        {
            var days = CalendarLayout.Lay(week, first, last, TimeZoneInfo.Utc);
            var html = await renderer.RenderComponentAsync<WeekGrid>(ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(WeekGrid.Days)] = days, [nameof(WeekGrid.Today)] = first, [nameof(WeekGrid.TimeZone)] = TimeZoneInfo.Utc,
                [nameof(WeekGrid.MeetingLink)] = (Func<CalendarEntry, string>)(e => $"meetings/{e.MeetingId}"),
            }));
            GC.KeepAlive(html.ToHtmlString());
        }));
        return (query, render, week.Count);
    }

    /// <summary>
    /// An organiser and <paramref name="invitees"/> invitees with <paramref name="meetingsEach"/> meetings each over the next
    /// year, in working hours: milliseconds (median) until "Suggest times" has its eight answers for a one-hour meeting.
    /// </summary>
    public static async Task<(double Ms, int Found)> SuggestionsAsync(BenchDatabase database, int invitees, int meetingsEach)
    {
        await using var services = await database.ServicesAsync("suggest");
        var people = new List<Guid>();
        for (var i = 0; i <= invitees; i++) people.Add(await services.Provider.CreateUserAsync($"Person {i}", $"person{i}@bench.example"));
        var today = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero);
        var random = new Random(7);
        foreach (var person in people)
        {
            var starts = Enumerable.Range(0, meetingsEach).Select(_ => today.AddDays(1 + random.Next(365)).AddHours(9 + random.Next(8)).AddMinutes(30 * random.Next(2))).ToList();
            await WriteAsync(services, person, [], meetingsEach, i => starts[i]);
        }
        await services.Get<SubscriptionHost<AppDbContext>>().RebuildAsync(FreeBusyProjection.SubscriberName);

        var freeBusy = services.Get<IFreeBusy>();
        IReadOnlyList<FreeSlot> slots = [];
        var ms = await MedianAsync(async () => slots = await freeBusy.SuggestAsync(null, people, TimeSpan.FromHours(1), today.AddDays(1), TimeZoneInfo.Utc, 8));
        return (ms, slots.Count);
    }

    /// <summary>Meetings of one event each (scheduled, 30 minutes), organised by <paramref name="organiser"/>.</summary>
    private static Task WriteAsync(StandaloneServices services, Guid organiser, Guid[] invitees, int meetings, Func<int, DateTimeOffset> start)
    {
        var store = services.Get<IEventStore>();
        var now = DateTimeOffset.UtcNow;
        return Parallel.ForAsync(0, meetings, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, ct) =>
        {
            var id = Guid.NewGuid();
            await store.AppendAsync(id, MeetingCommandHandler.StreamType, 0,
                [new MeetingScheduled(id, $"Meeting {i}", "", "", start(i), TimeSpan.FromMinutes(30), organiser, invitees, now)],
                EventMetadata.ForCommand(organiser, Guid.NewGuid()), ct);
        });
    }

    private static async Task<double> MedianAsync(Func<Task> run)
    {
        await run(); // warm-up
        var times = new List<double>();
        for (var i = 0; i < Runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await run();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        return times.Order().ElementAt(Runs / 2);
    }
}
