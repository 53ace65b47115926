using System.Security.Claims;
using MeetingsApp.Accounts;
using MeetingsApp.Data;
using MeetingsApp.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MeetingsApp.Tests.Email;

/// <summary>The sender's rules on rows put straight into the outbox, delivering to a pickup folder, with the test's clock.</summary>
public class OutboxSenderTests : DatabaseTest
{
    private static readonly ClaimsPrincipal Admin = new(new ClaimsIdentity([new Claim(ClaimTypes.Role, Roles.Admin)], "test"));
    private readonly DirectoryInfo _pickup = Directory.CreateTempSubdirectory("meetings-pickup-");
    private OutboxSender _sender = null!;
    private long _positions;

    protected override ValueTask SetUpAsync()
    {
        _sender = new OutboxSender(Services.Get<IDbContextFactory<AppDbContext>>(), new PickupDirectoryTransport(_pickup.FullName),
            Options.Create(new EmailOptions()), Clock, NullLogger<OutboxSender>.Instance);
        return ValueTask.CompletedTask;
    }

    protected override ValueTask TearDownAsync()
    {
        _sender.Dispose();
        _pickup.Delete(recursive: true);
        return ValueTask.CompletedTask;
    }

    private async Task<long> AddAsync(OutboxStatus status, Guid meeting, Guid recipient, string method, DateTime? final = null, int attempts = 0)
    {
        var position = ++_positions;
        var messageId = $"{position}.{recipient:N}@meetingsapp";
        var now = Clock.GetUtcNow().UtcDateTime;
        var row = new OutboxMessage
        {
            Kind = OutboxKind.Meeting, EventPosition = position, MeetingId = meeting, RecipientId = recipient, Method = method, To = "bob@example.com",
            Subject = method, MessageId = messageId, Status = status, Attempts = attempts, CreatedAt = now.AddDays(-60),
            NextAttemptAt = final ?? now, SentAt = status == OutboxStatus.Sent ? final : null,
            Mime = $"From: meetings@example.org\r\nTo: bob@example.com\r\nSubject: {method}\r\nMessage-Id: <{messageId}>\r\n\r\n{method}\r\n",
        };
        await using var db = await Services.Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        db.Add(row);
        await db.SaveChangesAsync();
        return row.Id;
    }

    private async Task<OutboxStatus?> StatusAsync(long id) => (await Services.Get<OutboxQueries>().GetAsync(id))?.Status;

    private OutboxRetry Retry => new(Services.Get<IDbContextFactory<AppDbContext>>(), Clock, _sender, NullLogger<OutboxRetry>.Instance);

    [Fact]
    public async Task ARetriedRequestGoesBeforeTheCancelAfterIt_AFailedOneHoldsNothingBack_AndAPendingOneHoldsBackEverythingAfterIt()
    {
        var (meeting, retried, failed, backingOff) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var (request1, cancel1) = (await AddAsync(OutboxStatus.Failed, meeting, retried, "REQUEST", attempts: 1), await AddAsync(OutboxStatus.Pending, meeting, retried, "CANCEL"));
        var (request2, cancel2) = (await AddAsync(OutboxStatus.Failed, meeting, failed, "REQUEST", attempts: 1), await AddAsync(OutboxStatus.Pending, meeting, failed, "CANCEL"));
        var request3 = await AddAsync(OutboxStatus.Pending, meeting, backingOff, "REQUEST", final: Clock.GetUtcNow().UtcDateTime.AddMinutes(5), attempts: 4);
        var cancel3 = await AddAsync(OutboxStatus.Pending, meeting, backingOff, "CANCEL");
        Assert.Null(await Retry.RetryAsync(request1, Admin));

        Assert.Equal(2, await _sender.DeliverDueAsync(CancellationToken.None));

        Assert.Equal([OutboxStatus.Sent, OutboxStatus.Pending], [await StatusAsync(request1), await StatusAsync(cancel1)]);
        Assert.Equal([OutboxStatus.Failed, OutboxStatus.Sent], [await StatusAsync(request2), await StatusAsync(cancel2)]);
        Assert.Equal([OutboxStatus.Pending, OutboxStatus.Pending], [await StatusAsync(request3), await StatusAsync(cancel3)]);
        Assert.Equal(1, await _sender.DeliverDueAsync(CancellationToken.None));
        Assert.Equal(OutboxStatus.Sent, await StatusAsync(cancel1));
        // Too late for the failed request: its cancellation has gone out, and the request would follow it.
        Assert.Contains("out of order", await Retry.RetryAsync(request2, Admin));
        Assert.Equal(OutboxStatus.Failed, await StatusAsync(request2));
        Assert.Equal("This message is no longer failed.", await Retry.RetryAsync(request1, Admin));

        Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(1, await _sender.DeliverDueAsync(CancellationToken.None));
        Assert.Equal(1, await _sender.DeliverDueAsync(CancellationToken.None));
        Assert.Equal([OutboxStatus.Sent, OutboxStatus.Sent], [await StatusAsync(request3), await StatusAsync(cancel3)]);
        Assert.Equal(5, Directory.GetFiles(_pickup.FullName, "*.eml").Length);
    }

    [Fact]
    public async Task ARetry_WaitsForAnotherInstancesClaimOfALaterMessageToTheSameRecipient_AndThenRefuses()
    {
        var (meeting, bob) = (Guid.NewGuid(), Guid.NewGuid());
        var request = await AddAsync(OutboxStatus.Failed, meeting, bob, "REQUEST", attempts: 1);
        var cancel = await AddAsync(OutboxStatus.Pending, meeting, bob, "CANCEL");

        // Another instance in the middle of claiming the cancellation, as the sender claims it, not yet committed.
        await using var claiming = await Services.Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        await using (var tx = await OutboxLine.TakeAsync(claiming, cancel, CancellationToken.None))
        {
            await claiming.Set<OutboxMessage>().Where(m => m.Id == cancel)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedUntil, Clock.GetUtcNow().UtcDateTime.AddMinutes(2)));
            var retry = Task.Run(() => Retry.RetryAsync(request, Admin)); // SQLite's driver waits synchronously
            await Task.Delay(500);
            Assert.False(retry.IsCompleted); // it waits for the line
            await tx.CommitAsync();
            Assert.Contains("out of order", await retry);
        }
        Assert.Equal(OutboxStatus.Failed, await StatusAsync(request));
    }

    [Fact]
    public async Task Pruning_DeletesSentFailedAndUnsentRows_OnceFinalForLongerThanTheRetention_AndNeverAPendingOne()
    {
        var now = Clock.GetUtcNow().UtcDateTime;
        var (old, recent) = (now.AddDays(-31), now.AddDays(-29));
        var meeting = Guid.NewGuid();
        var kept = new[]
        {
            await AddAsync(OutboxStatus.Sent, meeting, Guid.NewGuid(), "REQUEST", recent), await AddAsync(OutboxStatus.Failed, meeting, Guid.NewGuid(), "REQUEST", recent),
            await AddAsync(OutboxStatus.NotSent, meeting, Guid.NewGuid(), "REQUEST", recent),
            await AddAsync(OutboxStatus.Pending, meeting, Guid.NewGuid(), "REQUEST", now.AddHours(1), attempts: 900), // created 60 days ago, still retried
        };
        var pruned = new[]
        {
            await AddAsync(OutboxStatus.Sent, meeting, Guid.NewGuid(), "REQUEST", old), await AddAsync(OutboxStatus.Failed, meeting, Guid.NewGuid(), "REQUEST", old),
            await AddAsync(OutboxStatus.NotSent, meeting, Guid.NewGuid(), "REQUEST", old),
        };

        await _sender.PruneAsync(CancellationToken.None);

        await using var db = await Services.Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        Assert.Equal(kept, await db.Set<OutboxMessage>().Where(m => m.MeetingId == meeting).OrderBy(m => m.Id).Select(m => m.Id).ToListAsync());
        Assert.NotEmpty(pruned);
    }
}

/// <summary>The same tests on PostgreSQL.</summary>
public sealed class OutboxSenderPostgresTests : OutboxSenderTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
