using System.Diagnostics;
using MeetingsApp.Data;
using MeetingsApp.EventStore.Subscriptions;
using MeetingsApp.Meetings;
using MeetingsApp.Shared;
using MeetingsApp.Timeline;

namespace MeetingsApp.Verbs;

/// <summary>The bench figures of the "as of" views, read from the temporal read model after a rebuild of it.</summary>
internal static class BenchAsOf
{
    private const int Runs = 50;

    /// <summary>
    /// "My meetings as they were" for a user who organises all <paramref name="meetings"/>, a page at a time as the page reads
    /// it (the count and one page of the list, a page anywhere in it): median and p95 ms.
    /// </summary>
    public static async Task<(double Median, double P95)> ListAsync(BenchDatabase database, int meetings)
    {
        await using var services = await database.ServicesAsync("asof");
        var organiser = await WriteAsync(services, meetings);
        var asOf = services.Get<AsOfQueries>();
        var instant = DateTimeOffset.UtcNow;
        var pages = new Random(1);
        return await TimeAsync(async () =>
        {
            var page = await asOf.MyMeetingsAsync(organiser, instant, pages.Next(meetings / ListPage<PastMeeting>.Size));
            if (page.Total != meetings || page.Items.Count != ListPage<PastMeeting>.Size)
                throw new InvalidOperationException($"As-of page has {page.Items.Count} of {page.Total} meetings, not {ListPage<PastMeeting>.Size} of {meetings}.");
        });
    }

    /// <summary>
    /// A calendar week "as it was" for a user who organises <paramref name="meetings"/> meetings over 300 days: median and
    /// p95 ms, and how many meetings the week holds.
    /// </summary>
    public static async Task<(double Median, double P95, int InWeek)> CalendarWeekAsync(BenchDatabase database, int meetings)
    {
        await using var services = await database.ServicesAsync("calendar");
        var organiser = await WriteAsync(services, meetings);
        var asOf = services.Get<AsOfQueries>();
        var instant = DateTimeOffset.UtcNow;
        var from = new DateTimeOffset(instant.UtcDateTime.Date, TimeSpan.Zero).AddDays(100);
        var inWeek = 0;
        var (median, p95) = await TimeAsync(async () =>
        {
            inWeek = (await asOf.MyCalendarAsync(organiser, instant, from, from.AddDays(7))).Count;
            if (inWeek == 0) throw new InvalidOperationException("The calendar week is empty.");
        });
        return (median, p95, inWeek);
    }

    /// <summary>The bench's meetings (five events each), with both meeting projections rebuilt over them.</summary>
    private static async Task<Guid> WriteAsync(StandaloneServices services, int meetings)
    {
        var (_, organiser) = await BenchLive.WriteMeetingsAsync(services, meetings);
        var host = services.Get<SubscriptionHost<AppDbContext>>();
        await host.RebuildAsync(MeetingProjection.SubscriberName);
        await host.RebuildAsync(MeetingVersionProjection.SubscriberName);
        return organiser;
    }

    private static async Task<(double Median, double P95)> TimeAsync(Func<Task> query)
    {
        var timings = new double[Runs];
        for (var i = -5; i < Runs; i++) // warm-up runs first
        {
            var watch = Stopwatch.StartNew();
            await query();
            if (i >= 0) timings[i] = watch.Elapsed.TotalMilliseconds;
        }
        Array.Sort(timings);
        return (timings[Runs / 2], timings[(int)Math.Ceiling(Runs * 0.95) - 1]);
    }
}
