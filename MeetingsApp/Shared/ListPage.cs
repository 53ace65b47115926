using Microsoft.EntityFrameworkCore;

namespace MeetingsApp.Shared;

/// <summary>
/// One page of a list read from the database: its rows, which page it is and how many rows the whole list has. A page
/// holds the rows it shows and no more, so a person with ten thousand meetings costs a circuit twenty.
/// </summary>
public sealed record ListPage<T>(IReadOnlyList<T> Items, int Number, int Total)
{
    public const int Size = 20;

    public static readonly ListPage<T> Empty = new([], 0, 0);

    /// <summary>The list's position of the page's first row.</summary>
    public int First => Number * Size;

    public int LastNumber => Total == 0 ? 0 : (Total - 1) / Size;

    public ListPage<TOther> Select<TOther>(Func<T, TOther> map) => new([.. Items.Select(map)], Number, Total);

    /// <summary>
    /// Page <paramref name="number"/> of <paramref name="ordered"/> (which must order by a unique key, so that pages neither
    /// repeat nor skip a row), or its last page when the list has since become shorter.
    /// </summary>
    public static async Task<ListPage<T>> ReadAsync(IQueryable<T> ordered, int number, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var total = await ordered.CountAsync(ct);
            if (total == 0) return Empty;
            var shown = Math.Clamp(number, 0, (total - 1) / Size);
            var items = await ordered.Skip(shown * Size).Take(Size).ToListAsync(ct);
            // The count and the page are two statements: rows that left the list between them may leave the page empty.
            if (items.Count > 0 || attempt > 0) return new ListPage<T>(items, shown, total);
        }
    }
}
