namespace MeetingsApp.Accounts;

/// <summary>What other features ask of the registered users: the meetings domain, to refuse invitations of nobody.</summary>
public interface IUserDirectory
{
    /// <summary>Those of <paramref name="ids"/> that belong to registered users.</summary>
    Task<IReadOnlySet<Guid>> FindExistingAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct = default);
}
