using MeetingsApp.Shared;

namespace MeetingsApp.Tests.Shared;

public static class Pages
{
    /// <summary>Every row of a paged list, read page by page as the pager's "Next page" reads them.</summary>
    public static async Task<List<T>> AllAsync<T>(Func<int, Task<ListPage<T>>> read)
    {
        var rows = new List<T>();
        for (var number = 0; ; number++)
        {
            var page = await read(number);
            if (page.Total == 0) return rows;
            Assert.Equal(number, page.Number);
            rows.AddRange(page.Items);
            if (number < page.LastNumber) continue;
            Assert.Equal(page.Total, rows.Count);
            return rows;
        }
    }
}
