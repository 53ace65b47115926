using FluentValidation.Results;

namespace MeetingsApp.Meetings.Pages;

/// <summary>
/// A form's messages per command property: from the validator while the person types, then from the server's answer,
/// which has the last word. <see cref="General"/> holds a refusal that belongs to no field.
/// </summary>
public sealed class FieldErrors
{
    private IReadOnlyDictionary<string, string[]> _fields = new Dictionary<string, string[]>();

    public string? General { get; private set; }

    public bool IsEmpty => _fields.Count == 0 && General is null;

    public string? this[string property] => _fields.TryGetValue(property, out var messages) ? messages[0] : null;

    public void Show(ValidationResult result)
    {
        _fields = result.Errors.GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray());
        General = null;
    }

    public void Show(MeetingError? error)
    {
        _fields = error?.Fields ?? new Dictionary<string, string[]>();
        General = error is not null && _fields.Count == 0 ? error.Message : null;
    }
}
