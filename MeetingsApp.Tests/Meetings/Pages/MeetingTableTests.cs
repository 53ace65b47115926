using Bunit;
using MeetingsApp.Meetings.Pages;
using MeetingsApp.Shared;

namespace MeetingsApp.Tests.Meetings.Pages;

public sealed class MeetingTableTests : MudComponentTest
{
    /// <summary>A list of 1 to <paramref name="total"/> as its owner reads it: the page asked for, or the last there is.</summary>
    private static ListPage<int> PageOf(int total, int number)
    {
        number = Math.Clamp(number, 0, Math.Max(0, (total - 1) / ListPage<int>.Size));
        return new([.. Enumerable.Range(1, total).Skip(number * ListPage<int>.Size).Take(ListPage<int>.Size)], number, total);
    }

    /// <summary>The table on a list of <paramref name="total"/> numbers, with an owner that shows each page it asks for.</summary>
    private IRenderedComponent<MeetingTable<int>> Render(int total)
    {
        IRenderedComponent<MeetingTable<int>> table = null!;
        table = Ctx.Render<MeetingTable<int>>(p => p
            .Add(t => t.Page, PageOf(total, 0))
            .Add(t => t.PageChanged, number => table.Render(q => q.Add(t => t.Page, PageOf(total, number))))
            .Add(t => t.Columns, ["Number", "Square"])
            .Add(t => t.Empty, "No meetings here.")
            .Add(t => t.Row, n => $"<td>{n}</td><td>{n * n}</td>"));
        return table;
    }

    private static int[] Shown(IRenderedComponent<MeetingTable<int>> table) =>
        [.. table.FindAll("tbody tr td:first-child").Select(td => int.Parse(td.TextContent))];

    private static void Press(IRenderedComponent<MeetingTable<int>> table, string label) => table.Find($"button[aria-label='{label}']").Click();

    [Fact]
    public void ShowsTwentyRowsAPage_AndAsksForTheOthers()
    {
        var table = Render(45);

        Assert.Equal(Enumerable.Range(1, 20), Shown(table));
        Assert.Equal("1-20 of 45", table.Find("[data-testid=meeting-list-page]").TextContent);
        Assert.True(table.Find("button[aria-label='Previous page']").HasAttribute("disabled"));

        Press(table, "Next page");
        Assert.Equal(Enumerable.Range(21, 20), Shown(table));

        Press(table, "Last page");
        Assert.Equal(Enumerable.Range(41, 5), Shown(table));
        Assert.Equal("41-45 of 45", table.Find("[data-testid=meeting-list-page]").TextContent);
        Assert.True(table.Find("button[aria-label='Next page']").HasAttribute("disabled"));

        Press(table, "First page");
        Assert.Equal(Enumerable.Range(1, 20), Shown(table));
    }

    [Fact]
    public void NextPageTwice_BeforeThePageComes_MovesTwoPages()
    {
        var asked = new List<int>();
        var table = Ctx.Render<MeetingTable<int>>(p => p
            .Add(t => t.Page, PageOf(100, 0))
            .Add(t => t.PageChanged, number => asked.Add(number)) // an owner whose reads take a while: nothing comes yet
            .Add(t => t.Columns, ["Number"])
            .Add(t => t.Row, n => $"<td>{n}</td>"));

        Press(table, "Next page");
        Press(table, "Next page");

        Assert.Equal([1, 2], asked);
        Assert.Equal("1-20 of 100", table.Find("[data-testid=meeting-list-page]").TextContent); // still the page shown
        table.Render(p => p.Add(t => t.Page, PageOf(100, 2)));
        Assert.Equal(Enumerable.Range(41, 20), Shown(table));
        Press(table, "Previous page");
        Press(table, "Last page");
        Press(table, "Last page"); // asked for already
        Assert.Equal([1, 2, 1, 4], asked);
    }

    [Fact]
    public void OnePage_NeedsNoPager()
    {
        var table = Render(2);

        Assert.Equal([1, 2], Shown(table));
        Assert.Empty(table.FindAll("[role=toolbar]"));
    }

    [Fact]
    public void SaysWhileItLoads_AndWhenThereIsNothing()
    {
        var loading = Ctx.Render<MeetingTable<int>>(p => p.Add(t => t.Page, null).Add(t => t.Columns, ["Number"]).Add(t => t.Row, n => $"<td>{n}</td>"));
        Assert.Equal("Loading…", loading.Find("tbody [role=status]").TextContent);
        var empty = Render(0).Find("tbody th");
        Assert.Equal("No meetings here.", empty.TextContent);
        Assert.Equal("2", empty.GetAttribute("colspan"));
    }
}
