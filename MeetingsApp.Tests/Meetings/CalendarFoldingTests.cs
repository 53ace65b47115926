using System.Text;
using MeetingsApp.Accounts;
using MeetingsApp.Meetings;

namespace MeetingsApp.Tests.Meetings;

/// <summary>iCalendar folds lines at 75 octets (RFC 5545 3.1): a fold must never fall inside a character.</summary>
public sealed class CalendarFoldingTests
{
    private static readonly Guid Alice = Guid.NewGuid();

    private static string Serialize(string title)
    {
        var scheduled = new MeetingScheduled(Guid.NewGuid(), title, "", "", new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero),
            TimeSpan.FromHours(1), Alice, [], DateTimeOffset.UnixEpoch);
        var people = new Dictionary<Guid, UserSummary> { [Alice] = new(Alice, "Alice Anderson", "alice@example.com") };
        return CalendarExport.Serialize(CalendarExport.ToEvent(Meeting.Evolve(null, scheduled), people, DateTimeOffset.UnixEpoch), "REQUEST");
    }

    // Every offset of the emoji (4 octets, 2 UTF-16 chars) against the fold, and a run of emoji long enough to fold twice.
    public static TheoryData<int> Paddings() => [.. Enumerable.Range(0, 8)];

    [Theory]
    [MemberData(nameof(Paddings))]
    public void ATitleWithEmoji_IsFoldedBetweenCharacters_NeverInsideOne(int padding)
    {
        var title = new string('a', 60 + padding) + string.Concat(Enumerable.Repeat("😀", 40)) + " Ünïcödé 🇩🇪 done";

        var text = Serialize(title);

        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i])) Assert.True(i + 1 < text.Length && char.IsLowSurrogate(text[++i]), $"a lone high surrogate at {i}");
            else Assert.False(char.IsLowSurrogate(text[i]), $"a lone low surrogate at {i}");
        }
        Assert.DoesNotContain('\uFFFD', text);
        var lines = text.Split("\r\n");
        Assert.All(lines, line => Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, $"{Encoding.UTF8.GetByteCount(line)} octets: {line}"));
        Assert.DoesNotContain('\n', string.Concat(lines)); // CRLF only, no bare LF
        Assert.Equal(title, Ical.Net.Calendar.Load(text)!.Events.Single().Summary);
        // What a calendar program sees once the message's bytes are decoded: the same title.
        var decoded = Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text));
        Assert.Equal(title, Ical.Net.Calendar.Load(decoded)!.Events.Single().Summary);
    }
}
