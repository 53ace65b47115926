namespace MeetingsApp.Shared;

/// <summary>
/// How searched text and typed terms are compared: both upper-cased by .NET, the text when it is stored (a column beside it)
/// and the term when it is typed. A database's own upper() follows its locale: a PostgreSQL database made with the C locale
/// upper-cases ASCII only, so "café" would never find "Café".
/// </summary>
public static class SearchText
{
    /// <summary>Upper-cases every letter, one character for one, so a stored form is as long as the text.</summary>
    public static string Normalize(string text) => text.ToUpperInvariant();
}
