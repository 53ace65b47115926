using MeetingsApp.Accounts;
using MeetingsApp.Shared;
using MeetingsApp.Data;
using MeetingsApp.EventStore;
using MeetingsApp.EventStore.Subscriptions;
using MeetingsApp.Meetings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MeetingsApp.Email;

/// <summary>
/// Puts the e-mails a meeting event causes into the outbox: one row per (event, recipient), rendered from the meeting's
/// stream at that event's version (never from a read model, which may be ahead), in the transaction that moves this
/// reactor's checkpoint. A reactor: never run during a rebuild or an import, never replayed. <see cref="OutboxSender"/>
/// delivers the rows. Released "without side effects" from a parked stream, it writes the same rows as not sent, with the reason.
/// </summary>
public sealed class EmailReactor(FoldedStreams<Meeting> meetings, IOptions<EmailOptions> options, TimeProvider clock) : IQuietReactor<AppDbContext>
{
    public const string SubscriberName = "email";

    public string Name => SubscriberName;

    public SubscriberKind Kind => SubscriberKind.Reactor;

    public bool WritesOnlyThroughChangeTracker => true;

    public Task ApplyAsync(AppDbContext db, RecordedEvent @event, CancellationToken ct) => WriteAsync(db, @event, null, ct);

    public Task ApplyWithoutSideEffectsAsync(AppDbContext db, RecordedEvent @event, string reason, CancellationToken ct) =>
        WriteAsync(db, @event, reason, ct);

    /// <param name="notSent">Why the rows are never to be sent; null: they are sent.</param>
    private async Task WriteAsync(AppDbContext db, RecordedEvent @event, string? notSent, CancellationToken ct)
    {
        if (@event.StreamType != MeetingCommandHandler.StreamType || @event.Data is SkippedEvent) return;
        var meeting = await meetings.AfterAsync(@event, ct);
        var letters = InvitationMessages.LettersFor(@event.Data, meeting).DistinctBy(l => l.RecipientId).ToList();
        if (letters.Count == 0) return;

        // Everyone named in the message (attendees, organiser), and who of them gets mail: confirmed addresses, e-mail on.
        var named = meeting.Invitees.Select(i => i.UserId).Append(meeting.OrganizerId).Concat(letters.Select(l => l.RecipientId)).Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => named.Contains(u.Id))
            .Select(u => new { u.Id, u.DisplayName, u.Email, u.EmailConfirmed, u.EmailNotifications, u.TimeZone }).ToListAsync(ct);
        var people = users.ToDictionary(u => u.Id, u => new UserSummary(u.Id, u.DisplayName, u.Email!));
        var already = await db.Set<OutboxMessage>().Where(m => m.EventPosition == @event.Position).Select(m => m.RecipientId).ToListAsync(ct);
        foreach (var letter in letters.Where(l => !already.Contains(l.RecipientId)))
        {
            var user = users.Find(u => u.Id == letter.RecipientId);
            if (user is not { EmailConfirmed: true, EmailNotifications: true, Email.Length: > 0 }) continue;
            var messageId = $"{@event.Position}.{letter.RecipientId:N}@meetingsapp";
            var message = InvitationMessages.Build(letter, @event.Data, meeting, new Mailbox(people[user.Id], Times.FindZone(user.TimeZone)),
                people, @event.CreatedAt, messageId, options.Value);
            db.Add(new OutboxMessage
            {
                Kind = OutboxKind.Meeting, EventPosition = @event.Position, MeetingId = meeting.Id, RecipientId = letter.RecipientId, Method = letter.Method,
                Purpose = letter.Purpose, To = user.Email!, Subject = message.Subject ?? "", MessageId = messageId, Mime = InvitationMessages.Serialize(message),
                Status = notSent is null ? OutboxStatus.Pending : OutboxStatus.NotSent, LastError = notSent, CreatedAt = @event.CreatedAt.UtcDateTime,
                // A row not sent is final now, as the operator decides it: its retention counts from then.
                NextAttemptAt = notSent is null ? @event.CreatedAt.UtcDateTime : clock.GetUtcNow().UtcDateTime,
            });
        }
    }
}
