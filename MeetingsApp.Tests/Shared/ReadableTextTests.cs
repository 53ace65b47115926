using MeetingsApp.Shared;

namespace MeetingsApp.Tests.Shared;

/// <summary>The one rule for text people read: what it refuses (it lies about what it shows) and what it keeps.</summary>
public sealed class ReadableTextTests
{
    [Theory]
    [InlineData("invoice\u202Egnp.exe")] // right-to-left override: shows as "invoiceexe.png"
    [InlineData("a\u202Ab")]
    [InlineData("a\u202Bb")]
    [InlineData("a\u202Cb")]
    [InlineData("a\u202Db")]
    [InlineData("\u2066Alice\u2069")] // isolates
    [InlineData("\u2067x")]
    [InlineData("\u2068x")]
    [InlineData("\u200B")] // a name made only of a zero-width space
    [InlineData("\u200B \u200D\u200C\uFEFF")]
    [InlineData("\u3164")] // Hangul filler: renders as a blank
    [InlineData("\u2800\u2800")] // braille blank
    [InlineData("\u00AD")] // soft hyphen alone
    [InlineData("\U000E0041")] // a tag character alone
    [InlineData("Tab\there")]
    [InlineData("bell\u0007")]
    public void Refused(string text) => Assert.False(ReadableText.IsReadable(text, multiline: false));

    [Theory]
    [InlineData("Alice Anderson")]
    [InlineData("👩‍👩‍👧 family")] // ZWJ emoji sequence
    [InlineData("می‌خواهم")] // Persian with ZWNJ
    [InlineData("क्‌ष")] // Devanagari with ZWNJ
    [InlineData("שלום עולם")] // right-to-left text itself is fine
    [InlineData("مرحبا\u200F!")] // a right-to-left mark (not an override)
    [InlineData("no\u200Bbreak")] // zero-width space between visible letters
    [InlineData("❤️")] // a variation selector after a visible character
    [InlineData("")]
    [InlineData("   ")] // blank text is left to the "required" rules
    public void Kept(string text) => Assert.True(ReadableText.IsReadable(text, multiline: false));

    [Fact]
    public void LineBreaks_OnlyWhereMultiline()
    {
        Assert.True(ReadableText.IsReadable("first\r\nsecond\tthird", multiline: true));
        Assert.False(ReadableText.IsReadable("first\nsecond", multiline: false));
        Assert.False(ReadableText.IsReadable("first\n\u202Esecond", multiline: true));
        Assert.False(ReadableText.IsReadable("\n\u200B\n", multiline: true));
    }
}
