namespace MeetingsApp.EventStore.Subscriptions;

/// <summary>
/// What a rebuild applies, and in which order, so that the rebuilt tables equal the live ones: the log with each
/// subscriber's parking replayed. A stream parks where the live subscriber parked it (every operator decision names that
/// place, and so do the streams parked now) or at a row this app cannot read; its events then wait, and are released at
/// the operator's decision in the log, exactly as <see cref="ParkingBatch{TContext}"/> releases them live.
/// An event whose apply failed live is parked at the same place here, since its place was recorded. A skipped event is
/// applied as its <see cref="SkippedEvent"/> (<paramref name="standIns"/>, by position), where the live subscriber met it.
/// </summary>
internal sealed class ParkedReplay(string subscriber, IEnumerable<(Guid Stream, long Position)> parkedAt, IEnumerable<ParkedStream> parkedNow,
    IReadOnlyDictionary<long, RecordedEvent> standIns)
{
    private readonly HashSet<(Guid, long)> _parkPoints = [.. parkedAt];
    private readonly Dictionary<(Guid, long), ParkedStream> _now = parkedNow.ToDictionary(p => (p.StreamId, p.Position));
    private readonly Dictionary<Guid, (LogRow First, string Error, List<LogRow> Waiting)> _parked = [];

    /// <summary>Feeds one row of the log; returns the events to apply now, in order.</summary>
    public IEnumerable<RecordedEvent> Next(LogRow row)
    {
        var ready = new List<RecordedEvent>();
        Step(row, ready, released: false);
        return ready;
    }

    /// <summary>The streams left parked at the end, to be written with the rebuilt tables (keeping when each was parked).</summary>
    public IEnumerable<ParkedStream> Parked(DateTime now) => _parked.Values.Select(p =>
        new ParkedStream
        {
            Subscriber = subscriber, StreamId = p.First.StreamId, StreamType = p.First.StreamType, Position = p.First.Position,
            EventType = p.First.EventType, Version = p.First.Version, SchemaVersion = p.First.SchemaVersion, Error = p.Error,
            ParkedAt = _now.TryGetValue((p.First.StreamId, p.First.Position), out var was) ? was.ParkedAt : now,
        });

    private void Step(LogRow row, List<RecordedEvent> ready, bool released)
    {
        if (_parked.TryGetValue(row.StreamId, out var parked))
        {
            parked.Waiting.Add(row);
            return;
        }
        // Where the live subscriber parked (the first of a released stream is where it parked last: it goes on from there).
        var parkedHere = !released && _parkPoints.Contains((row.StreamId, row.Position));
        if (row.Event is null || parkedHere)
        {
            var error = row.Unreadable ?? (_now.TryGetValue((row.StreamId, row.Position), out var now) ? now.Error : "parked when applied live");
            _parked[row.StreamId] = (row, error, []);
            return;
        }
        ready.Add(row.Event);
        if (row.Event.Data is IParkingDecision decision && decision.Subscriber == subscriber) Release(decision, ready);
    }

    private void Release(IParkingDecision decision, List<RecordedEvent> ready)
    {
        if (!_parked.TryGetValue(decision.StreamId, out var parked) || parked.First.Position != decision.Position) return;
        // Parked there still: every decision about that place failed live (a retry before the upgrade), so none releases it here.
        // (A retry that failed and a later one that worked release the stream at the first: the same rows, earlier among others.)
        if (_now.ContainsKey((decision.StreamId, decision.Position))) return;
        _parked.Remove(decision.StreamId);
        var first = true;
        foreach (var row in parked.Waiting.Prepend(parked.First))
        {
            if (_parked.ContainsKey(decision.StreamId))
                _parked[decision.StreamId].Waiting.Add(row);
            else if (decision is ParkedEventSkipped && row.Position == decision.Position)
                ready.Add(standIns[row.Position] with { Data = new SkippedEvent(row.EventType, decision.Reason) });
            else
                Step(row, ready, released: first);
            first = false;
        }
    }
}
