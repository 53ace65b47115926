using MeetingsApp.Meetings;

namespace MeetingsApp.Tests.Meetings.Pages;

/// <summary>Free/busy for component tests: nobody clashes, and "Suggest times" answers with <paramref name="suggest"/>.</summary>
internal sealed class FixedFreeBusy(Func<DateTimeOffset, TimeSpan, IReadOnlyList<FreeSlot>> suggest) : IFreeBusy
{
    /// <summary>The <c>from</c> of each question asked, in order.</summary>
    public List<DateTimeOffset> AskedFrom { get; } = [];

    public Task<IReadOnlyList<Clash>> ClashesAsync(Guid askingUserId, Guid? meetingId, DateTimeOffset start, DateTimeOffset end,
        IReadOnlyCollection<Guid> people, CancellationToken ct = default) => Task.FromResult<IReadOnlyList<Clash>>([]);

    public Task<IReadOnlyList<FreeSlot>> SuggestAsync(Guid? meetingId, IReadOnlyCollection<Guid> people, TimeSpan duration,
        DateTimeOffset from, int count, CancellationToken ct = default)
    {
        AskedFrom.Add(from);
        return Task.FromResult(suggest(from, duration));
    }
}
