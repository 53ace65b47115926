namespace MeetingsApp.EventStore;

/// <summary>Append-only storage of event streams, and the whole log in global order (<see cref="SqlEventStore"/>).</summary>
public interface IEventStore
{
    /// <summary>
    /// Appends <paramref name="events"/> to a stream that must be at <paramref name="expectedVersion"/> (0: new stream),
    /// all or nothing. If the command id in <paramref name="metadata"/> was appended before, writes nothing and returns
    /// that earlier result. Throws <see cref="WrongExpectedVersionException"/> when another writer got there first.
    /// </summary>
    Task<AppendResult> AppendAsync(Guid streamId, string streamType, int expectedVersion,
        IReadOnlyList<object> events, EventMetadata metadata, CancellationToken ct = default);

    /// <summary>What an earlier append with this command id wrote, or null if the command was never recorded.</summary>
    Task<AppendResult?> FindCommandAsync(Guid commandId, CancellationToken ct = default);

    /// <summary>The stream's events in version order, optionally only up to a version or up to an instant (inclusive).</summary>
    Task<IReadOnlyList<RecordedEvent>> ReadStreamAsync(Guid streamId, int? upToVersion = null,
        DateTimeOffset? upTo = null, CancellationToken ct = default);

    /// <summary>The events of several streams written up to <paramref name="upTo"/> (inclusive), in global order.</summary>
    Task<IReadOnlyList<RecordedEvent>> ReadStreamsAsync(IReadOnlyCollection<Guid> streamIds, DateTimeOffset upTo, CancellationToken ct = default);

    /// <summary>Only the payloads of a stream, in version order: what folding an aggregate needs, read as cheaply as possible.</summary>
    Task<IReadOnlyList<object>> ReadPayloadsAsync(Guid streamId, CancellationToken ct = default);

    /// <summary>
    /// Up to <paramref name="maxCount"/> events of the whole log after <paramref name="afterPosition"/>, in global order,
    /// and before <paramref name="beforePosition"/> when given.
    /// </summary>
    Task<IReadOnlyList<RecordedEvent>> ReadAllAsync(long afterPosition, int maxCount, long? beforePosition = null, CancellationToken ct = default);

    /// <summary>
    /// Like <see cref="ReadAllAsync"/> (and only of <paramref name="streamId"/> when given), but a row this app cannot read
    /// comes back as such instead of ending the read: what subscribers read, so one bad row parks only its own stream.
    /// </summary>
    Task<IReadOnlyList<LogRow>> ReadRowsAsync(long afterPosition, int maxCount, long? beforePosition = null, Guid? streamId = null,
        CancellationToken ct = default);

    /// <summary>The global position of the last event in the log; 0 for an empty log.</summary>
    Task<long> ReadHeadAsync(CancellationToken ct = default);
}
