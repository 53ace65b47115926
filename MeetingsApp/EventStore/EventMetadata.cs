namespace MeetingsApp.EventStore;

/// <summary>Who caused an event and in answer to what: stored as the <c>meta</c> JSON of every row.</summary>
public sealed record EventMetadata(
    Guid UserId,
    Guid CommandId,
    Guid CorrelationId,
    Guid CausationId,
    string? Client = null)
{
    /// <summary>Metadata for a command that starts a new conversation: it correlates with and is caused by itself.</summary>
    public static EventMetadata ForCommand(Guid userId, Guid commandId, string? client = null) =>
        new(userId, commandId, commandId, commandId, client);
}
