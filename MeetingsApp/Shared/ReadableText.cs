namespace MeetingsApp.Shared;

/// <summary>The one rule for text people type and others read (titles, names, notes), used by every feature.</summary>
public static class ReadableText
{
    /// <summary>
    /// Text people will read: no control characters (line breaks and tabs only where <paramref name="multiline"/>), no
    /// bidirectional overrides or isolates (U+202A–U+202E, U+2066–U+2069: "invoice\u202Egnp.exe" shows as "invoiceexe.png"),
    /// and not made only of invisible characters (a name of U+200B alone). Joiners (U+200D in emoji, U+200C in Persian
    /// and Indic names) and other zero-width marks are fine between visible characters. Blank text is left to the
    /// rules that require a value.
    /// </summary>
    public static bool IsReadable(string? text, bool multiline)
    {
        if (text is null) return true;
        var blank = true;
        var visible = false;
        foreach (var rune in text.EnumerateRunes())
        {
            if (System.Text.Rune.IsControl(rune) && !(multiline && rune.Value is '\n' or '\r' or '\t')) return false;
            if (rune.Value is >= 0x202A and <= 0x202E or >= 0x2066 and <= 0x2069) return false;
            if (System.Text.Rune.IsWhiteSpace(rune)) continue;
            blank = false;
            // Format characters (zero-width spaces and joiners, marks, tags), fillers that render as nothing, and
            // selectors that only modify the character before them.
            var invisible = System.Text.Rune.GetUnicodeCategory(rune) == System.Globalization.UnicodeCategory.Format
                || rune.Value is 0x034F or 0x115F or 0x1160 or 0x2800 or 0x3164 or 0xFFA0 or >= 0x180B and <= 0x180F
                    or >= 0xFE00 and <= 0xFE0F or >= 0xE0100 and <= 0xE01EF;
            visible |= !invisible;
        }
        return blank || visible;
    }
}
