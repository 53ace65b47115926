using System.Security.Claims;
using FluentValidation;
using MeetingsApp.Accounts;
using MeetingsApp.EventStore;

namespace MeetingsApp.Meetings;

/// <summary>Who is asking, and the identity of this very request (a retry or double click repeats the command id).</summary>
public sealed record CommandContext(Guid UserId, Guid CommandId, Guid? CorrelationId = null, Guid? CausationId = null, string? Client = null)
{
    public EventMetadata ToMetadata() =>
        new(UserId, CommandId, CorrelationId ?? CommandId, CausationId ?? CommandId, Client);
}

/// <summary>
/// The outcome of a command: what was appended, or why nothing was. <see cref="Warnings"/> says who is busy with another
/// meeting at the time this one now takes: recorded anyway, since people double-book on purpose.
/// </summary>
public sealed record CommandResult(AppendResult? Appended, MeetingError? Error)
{
    public bool Succeeded => Error is null;

    public IReadOnlyList<Clash> Warnings { get; init; } = [];
}

/// <summary>
/// The one path every meeting command travels: validate its shape, take the meeting's state (assumed from this instance's
/// last command on it, see <see cref="StreamStateCache{TState}"/>, or else read and folded from the stream), decide, append
/// at the expected version. A conflict with another writer re-runs the decision on fresh state.
/// </summary>
public sealed class MeetingCommandHandler(
    IEventStore store, IServiceProvider services, StreamLocks locks, StreamStateCache<Meeting> states, IFreeBusy freeBusy, TimeProvider clock,
    ILogger<MeetingCommandHandler> logger)
{
    public const string StreamType = "Meeting";
    public const int MaxRetries = 5;

    /// <summary>Runs <paramref name="command"/> as the signed-in <paramref name="user"/>; the actor never comes from the input.</summary>
    public Task<CommandResult> HandleAsync<TCommand>(TCommand command, ClaimsPrincipal user, Guid commandId, CancellationToken ct = default)
        where TCommand : IMeetingCommand<TCommand> =>
        user.UserId() is { } userId
            ? HandleAsync(command, new CommandContext(userId, commandId, Client: "web"), ct)
            : Task.FromResult(new CommandResult(null, MeetingError.NotSignedIn));

    public async Task<CommandResult> HandleAsync<TCommand>(TCommand command, CommandContext context, CancellationToken ct = default)
        where TCommand : IMeetingCommand<TCommand>
    {
        try
        {
            return await DecideAndAppendAsync(command, context, ct);
        }
        catch (UnreadableEventException ex)
        {
            // The command side is no subscriber: an operator's skip lets read models pass over the event, but a decision on a
            // state without it might break the meeting's rules, so the meeting takes no command until this version reads it.
            if (await CommittedMeanwhileAsync(context.CommandId) is { } committed) return Earlier(committed, command.MeetingId);
            logger.LogWarning("{Command} on meeting {MeetingId} refused: {Reason}", typeof(TCommand).Name, command.MeetingId, ex.Message);
            return new CommandResult(null, MeetingError.Unreadable);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or TimeoutException)
        {
            // A commit whose acknowledgement was lost on the way back still counts: look before saying it failed.
            if (await CommittedMeanwhileAsync(context.CommandId) is { } committed) return Earlier(committed, command.MeetingId);
            // Not found, or the look-up failed too. An append is all or nothing, but a commit whose answer was lost may still
            // be on its way, or the database may not be there to ask: the person is told to look before trying again.
            logger.LogError(ex, "{Command} on meeting {MeetingId} failed", typeof(TCommand).Name, command.MeetingId);
            return new CommandResult(null, MeetingError.Unavailable);
        }
    }

    /// <summary>Who the change makes busy at a time they already have another meeting: a courtesy, so a failure to read it is only logged.</summary>
    private async Task<IReadOnlyList<Clash>> WarningsAsync(Meeting? before, Meeting after, Guid actor)
    {
        var people = Busy.NewlyBusy(before, after, actor);
        if (people.Count == 0 || after.Status != MeetingStatus.Scheduled) return [];
        try
        {
            return await freeBusy.ClashesAsync(actor, after.Id, after.Start, after.End, people);
        }
        catch (System.Data.Common.DbException ex)
        {
            // The change is recorded; only the courtesy of warning about it is lost.
            logger.LogWarning(ex, "Clash warnings for meeting {MeetingId} could not be read", after.Id);
            return [];
        }
    }

    /// <summary>
    /// An earlier append with this command's id, answered as this command's own result (a retry, a double click) only when
    /// it was on the same meeting: an id reused for another one changes nothing and says so.
    /// </summary>
    private static CommandResult Earlier(AppendResult earlier, Guid meetingId) =>
        earlier.StreamId == meetingId ? new CommandResult(earlier, null) : new CommandResult(null, MeetingError.CommandIdReused);

    private async Task<Meeting?> ReadAsync(Guid meetingId, CancellationToken ct) => Meeting.Fold(await store.ReadPayloadsAsync(meetingId, ct));

    private async Task<AppendResult?> CommittedMeanwhileAsync(Guid commandId)
    {
        try
        {
            return await store.FindCommandAsync(commandId);
        }
        catch (System.Data.Common.DbException)
        {
            return null; // the database is still out of reach
        }
    }

    private async Task<CommandResult> DecideAndAppendAsync<TCommand>(TCommand command, CommandContext context, CancellationToken ct)
        where TCommand : IMeetingCommand<TCommand>
    {
        var validation = await services.GetRequiredService<IValidator<TCommand>>().ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            var fields = validation.Errors.GroupBy(e => e.PropertyName)
                .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray());
            return new CommandResult(null, new MeetingError(MeetingErrorCode.Invalid, validation.Errors[0].ErrorMessage) { Fields = fields });
        }

        using var _ = await locks.AcquireAsync(command.MeetingId, ct);
        // First assume the state this instance's last command on the meeting left, or, if none is kept, an empty stream (as
        // for a meeting being scheduled): nothing decided on it is taken on trust (see StreamStateCache), and it saves
        // reading the stream.
        var state = states.Take(command.MeetingId);
        var assumed = true;
        for (var attempt = 0; ; attempt++)
        {
            if (!assumed) state = await ReadAsync(command.MeetingId, ct);
            var decision = TCommand.Decide(state, command, context.UserId, clock.GetUtcNow());
            if (decision.Error is not null && assumed)
            {
                // A refusal stands only on the stream as it is: another instance may have written what the command needs.
                (state, assumed) = (await ReadAsync(command.MeetingId, ct), false);
                decision = TCommand.Decide(state, command, context.UserId, clock.GetUtcNow());
            }
            if (decision.Error is { } error)
            {
                // A repeated command (retry, double click) meets the state it made itself: answer as the first time.
                return await store.FindCommandAsync(context.CommandId, ct) is { } earlier
                    ? Earlier(earlier, command.MeetingId)
                    : new CommandResult(null, error);
            }
            try
            {
                var after = decision.Events.Aggregate(state, Meeting.Evolve)!;
                // The warnings read the free/busy model without this meeting, so they are read while the append commits (queued
                // first: on SQLite, whose driver runs synchronously, the look-up would otherwise come before the append).
                var appending = store.AppendAsync(command.MeetingId, StreamType, state?.Version ?? 0, decision.Events, context.ToMetadata(), ct);
                var warnings = await WarningsAsync(state, after, context.UserId);
                var appended = await appending;
                // A repeat found in the log (another instance's, or one that raced this) answers for its own meeting only.
                if (appended.StreamId != command.MeetingId) return new CommandResult(null, MeetingError.CommandIdReused);
                if (!appended.WasDuplicate) states.Keep(command.MeetingId, after);
                return new CommandResult(appended, null) { Warnings = warnings };
            }
            catch (WrongExpectedVersionException) when (assumed)
            {
                // The stream is not as this instance assumed (another instance wrote to it, or it is not new): decide on it as it is.
                assumed = false;
            }
            catch (WrongExpectedVersionException ex) when (attempt < MaxRetries)
            {
                logger.LogInformation(ex, "{Command} on meeting {MeetingId} met a concurrent write; retrying ({Attempt}/{MaxRetries})",
                    typeof(TCommand).Name, command.MeetingId, attempt + 1, MaxRetries);
                // The other writer is another instance (this one queues commands per meeting). A short random pause keeps
                // the two from meeting again at once; it is real time, not the domain's clock.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 5 << attempt)), ct);
            }
            catch (WrongExpectedVersionException)
            {
                return new CommandResult(null, MeetingError.Conflict);
            }
        }
    }
}
