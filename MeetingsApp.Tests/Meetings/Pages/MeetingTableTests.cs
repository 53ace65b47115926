using Bunit;
using MeetingsApp.Meetings.Pages;

namespace MeetingsApp.Tests.Meetings.Pages;

public sealed class MeetingTableTests : MudComponentTest
{
    private IRenderedComponent<MeetingTable<int>> Render(IReadOnlyList<int>? items) => Ctx.Render<MeetingTable<int>>(p => p
        .Add(t => t.Items, items)
        .Add(t => t.Columns, ["Number", "Square"])
        .Add(t => t.Empty, "No meetings here.")
        .Add(t => t.Row, n => $"<td>{n}</td><td>{n * n}</td>"));

    private static int[] Shown(IRenderedComponent<MeetingTable<int>> table) =>
        [.. table.FindAll("tbody tr td:first-child").Select(td => int.Parse(td.TextContent))];

    private static void Press(IRenderedComponent<MeetingTable<int>> table, string label) => table.Find($"button[aria-label='{label}']").Click();

    [Fact]
    public void ShowsTwentyRowsAPage_AndPagesThroughTheRest()
    {
        var table = Render([.. Enumerable.Range(1, 45)]);

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
    public void FewerRowsThanThePageShown_ShowTheLastPageThereIs()
    {
        var table = Render([.. Enumerable.Range(1, 45)]);
        Press(table, "Last page");

        table.Render(p => p.Add(t => t.Items, [.. Enumerable.Range(1, 30)]));
        Assert.Equal(Enumerable.Range(21, 10), Shown(table));

        table.Render(p => p.Add(t => t.Items, [7, 8]));
        Assert.Equal([7, 8], Shown(table));
        Assert.Empty(table.FindAll("[role=toolbar]")); // one page needs no pager
    }

    [Fact]
    public void SaysWhileItLoads_AndWhenThereIsNothing()
    {
        Assert.Equal("Loading…", Render(null).Find("tbody [role=status]").TextContent);
        var empty = Render([]).Find("tbody th");
        Assert.Equal("No meetings here.", empty.TextContent);
        Assert.Equal("2", empty.GetAttribute("colspan"));
    }
}
