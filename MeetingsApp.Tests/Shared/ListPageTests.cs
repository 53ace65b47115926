using MeetingsApp.Data;
using MeetingsApp.Meetings;
using MeetingsApp.Timeline;

namespace MeetingsApp.Tests.Shared;

/// <summary>
/// The lists are read a page at a time from the database (<see cref="MeetingsApp.Shared.ListPage{T}"/>): every meeting on
/// exactly one page, in order even where meetings start at the same time, and a page past the end reads as the last one.
/// </summary>
public class ListPageTests : DatabaseTest
{
    private const int Meetings = 45;

    /// <summary>Alice's meetings, three to each start, so that pages cut through meetings that start together.</summary>
    private async Task<(Guid Alice, HashSet<Guid> Ids)> ScheduleAsync()
    {
        var (alice, bob) = (await RegisterAsync("Alice"), await RegisterAsync("Bob"));
        var handler = Services.Get<MeetingCommandHandler>();
        var ids = new HashSet<Guid>();
        for (var i = 0; i < Meetings; i++)
        {
            var id = Guid.NewGuid();
            var result = await handler.HandleAsync(new ScheduleMeeting(id, $"Meeting {i}", null, Clock.GetUtcNow().AddDays(1).AddHours(i / 3),
                TimeSpan.FromMinutes(30), [bob]), new CommandContext(alice, Guid.NewGuid()));
            Assert.True(result.Succeeded, result.Error?.Message);
            ids.Add(id);
        }
        await RebuildProjectionsAsync();
        return (alice, ids);
    }

    [Fact]
    public async Task MyMeetings_PageByPage_ListEveryMeetingOnce_ByStart()
    {
        var (alice, ids) = await ScheduleAsync();
        var queries = Services.Get<MeetingQueries>();

        var first = await queries.MyMeetingsAsync(alice, MeetingListTab.Upcoming);
        Assert.Equal((20, 0, Meetings, 2), (first.Items.Count, first.Number, first.Total, first.LastNumber));
        var all = await Pages.AllAsync(page => queries.MyMeetingsAsync(alice, MeetingListTab.Upcoming, page: page));
        Assert.Equal(ids.Order(), all.Select(m => m.Meeting.MeetingId).Order());
        Assert.Equal(all.Select(m => m.Meeting.Start).Order(), all.Select(m => m.Meeting.Start));

        var beyond = await queries.MyMeetingsAsync(alice, MeetingListTab.Upcoming, page: 9);
        Assert.Equal((2, 5), (beyond.Number, beyond.Items.Count));
        Assert.Equal(all[^5..].Select(m => m.Meeting.MeetingId), beyond.Items.Select(m => m.Meeting.MeetingId));
    }

    [Fact]
    public async Task MyMeetingsAsOf_PageByPage_ListEveryMeetingOnce_ByStart()
    {
        var (alice, ids) = await ScheduleAsync();
        var asOf = Services.Get<AsOfQueries>();
        var instant = Clock.GetUtcNow();

        var all = await Pages.AllAsync(page => asOf.MyMeetingsAsync(alice, instant, page));
        Assert.Equal(ids.Order(), all.Select(m => m.MeetingId).Order());
        Assert.Equal(all.Select(m => m.Start).Order(), all.Select(m => m.Start));

        var beyond = await asOf.MyMeetingsAsync(alice, instant, page: 9);
        Assert.Equal((2, 5), (beyond.Number, beyond.Items.Count));
        Assert.Empty((await asOf.MyMeetingsAsync(alice, instant.AddDays(-1))).Items);
    }
}

public sealed class ListPagePostgresTests : ListPageTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
