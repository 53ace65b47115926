namespace MeetingsApp.Accounts;

/// <summary>Days of the week as flags, one bit per <see cref="DayOfWeek"/>, so a set of working days is one stored number.</summary>
[Flags]
public enum WorkDays
{
    None = 0, Sunday = 1, Monday = 2, Tuesday = 4, Wednesday = 8, Thursday = 16, Friday = 32, Saturday = 64,
    MondayToFriday = Monday | Tuesday | Wednesday | Thursday | Friday,
}

/// <summary>When a person is at work, in their own zone: "Suggest times" only offers times inside everyone's hours.</summary>
public sealed record WorkingHours(TimeZoneInfo Zone, WorkDays Days, TimeOnly From, TimeOnly To)
{
    public static readonly TimeOnly DefaultFrom = new(9, 0), DefaultTo = new(17, 0);

    public bool IsWorkDay(DayOfWeek day) => Days.HasFlag(Of(day));

    public static WorkDays Of(DayOfWeek day) => (WorkDays)(1 << (int)day);

    /// <summary>Why these hours cannot be saved, or null.</summary>
    public static string? Problem(WorkDays days, TimeOnly from, TimeOnly to) =>
        days == WorkDays.None ? "Choose at least one working day."
        : to <= from ? "Working hours must end after they start."
        : null;
}
