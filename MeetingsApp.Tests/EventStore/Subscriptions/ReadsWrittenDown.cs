namespace MeetingsApp.Tests.EventStore.Subscriptions;

/// <summary>The app's own store, with the subscribers' reads of the log written down.</summary>
internal sealed class ReadsWrittenDown(IEventStore store, System.Collections.Concurrent.ConcurrentQueue<long[]> reads) : IEventStore
{
    public async Task<IReadOnlyList<LogRow>> ReadRowsAsync(long afterPosition, int maxCount, long? beforePosition = null, Guid? streamId = null,
        CancellationToken ct = default)
    {
        var rows = await store.ReadRowsAsync(afterPosition, maxCount, beforePosition, streamId, ct);
        reads.Enqueue(rows.Select(r => r.Position).ToArray());
        return rows;
    }

    public Task<AppendResult> AppendAsync(Guid streamId, string streamType, int expectedVersion, IReadOnlyList<object> events,
        EventMetadata metadata, CancellationToken ct = default) => store.AppendAsync(streamId, streamType, expectedVersion, events, metadata, ct);

    public Task<AppendResult?> FindCommandAsync(Guid commandId, CancellationToken ct = default) => store.FindCommandAsync(commandId, ct);

    public Task<IReadOnlyList<RecordedEvent>> ReadStreamAsync(Guid streamId, int? upToVersion = null, DateTimeOffset? upTo = null,
        CancellationToken ct = default) => store.ReadStreamAsync(streamId, upToVersion, upTo, ct);

    public Task<IReadOnlyList<RecordedEvent>> ReadStreamsAsync(IReadOnlyCollection<Guid> streamIds, DateTimeOffset upTo, CancellationToken ct = default) =>
        store.ReadStreamsAsync(streamIds, upTo, ct);

    public Task<IReadOnlyList<object>> ReadPayloadsAsync(Guid streamId, CancellationToken ct = default) => store.ReadPayloadsAsync(streamId, ct);

    public Task<IReadOnlyList<RecordedEvent>> ReadAllAsync(long afterPosition, int maxCount, long? beforePosition = null, CancellationToken ct = default) =>
        store.ReadAllAsync(afterPosition, maxCount, beforePosition, ct);

    public Task<long> ReadHeadAsync(CancellationToken ct = default) => store.ReadHeadAsync(ct);
}
