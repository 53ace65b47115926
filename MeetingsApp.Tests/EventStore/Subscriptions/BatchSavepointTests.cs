using System.Data.Common;
using MeetingsApp.Data;
using MeetingsApp.EventStore.Subscriptions;
using MeetingsApp.Meetings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingsApp.Tests.EventStore.Subscriptions;

/// <summary>
/// A subscriber's batch is one transaction, tried again whole when an apply fails: its saves take no savepoints of their
/// own (two statements around each save, and on PostgreSQL two round trips).
/// </summary>
public sealed class BatchSavepointTests : DatabaseTest
{
    private readonly Savepoints _savepoints = new();

    protected override void Configure(IServiceCollection services)
    {
        base.Configure(services);
        services.ConfigureDbContext<AppDbContext>(options => options.AddInterceptors(_savepoints));
    }

    [Fact]
    public async Task EverySubscriberAppliesAMeeting_WithoutASavepoint()
    {
        var (alice, bob) = (await RegisterAsync("Alice"), await RegisterAsync("Bob"));
        await Services.StartSubscriptionsAsync();
        var (transactions, savepoints) = (_savepoints.Transactions, _savepoints.Created); // the migrations' and the start's
        var meeting = Guid.NewGuid();

        var result = await Services.Get<MeetingCommandHandler>().HandleAsync(
            new ScheduleMeeting(meeting, "Planning", null, Clock.GetUtcNow().AddDays(1), TimeSpan.FromHours(1), [bob]), new CommandContext(alice, Guid.NewGuid()));
        Assert.True(result.Succeeded, result.Error?.Message);
        await Services.Get<SubscriptionHost<AppDbContext>>().WaitForAsync(await Services.Get<IEventStore>().ReadHeadAsync(), TimeSpan.FromSeconds(20));

        Assert.Equal("Planning", (await Services.Get<MeetingQueries>().GetAsync(meeting, bob))?.Meeting.Title);
        Assert.True(_savepoints.Transactions > transactions); // the subscribers' batches
        Assert.Equal(savepoints, _savepoints.Created);
    }

    private sealed class Savepoints : DbTransactionInterceptor
    {
        private int _created, _transactions;

        public int Created => _created;

        public int Transactions => _transactions;

        public override Task CreatedSavepointAsync(DbTransaction transaction, TransactionEventData eventData, CancellationToken ct = default)
        {
            Interlocked.Increment(ref _created);
            return Task.CompletedTask;
        }

        public override ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result,
            CancellationToken ct = default)
        {
            Interlocked.Increment(ref _transactions);
            return ValueTask.FromResult(result);
        }
    }
}
