namespace MeetingsApp.Meetings;

/// <summary>What the meetings domain needs to know of registered users.</summary>
public interface IUserDirectory
{
    /// <summary>Those of <paramref name="ids"/> that belong to registered users.</summary>
    Task<IReadOnlySet<Guid>> FindExistingAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct = default);
}
