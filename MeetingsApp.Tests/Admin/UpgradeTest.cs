using MeetingsApp.Data;
using MeetingsApp.Demo;
using MeetingsApp.EventStore.Subscriptions;
using MeetingsApp.Tests.EndToEnd;
using Microsoft.EntityFrameworkCore;

namespace MeetingsApp.Tests.Admin;

/// <summary>
/// A test against the real app as one version of it (<see cref="UpgradedApp"/>), with rows written behind its back by
/// another; each test class runs on SQLite and, through a subclass, on PostgreSQL.
/// </summary>
public abstract class UpgradeTest : IAsyncLifetime
{
    protected static readonly Guid Alice = DemoData.Id("user:alice"), Bob = DemoData.Id("user:bob");
    protected UpgradedApp Versions { get; private set; } = null!;

    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected AppServer App => Versions.App;

    protected SubscriptionHost<AppDbContext> Host => App.Get<SubscriptionHost<AppDbContext>>();

    public async ValueTask InitializeAsync() => Versions = await UpgradedApp.StartAsync(Provider);

    public async ValueTask DisposeAsync()
    {
        await Versions.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    protected async Task<T> ReadAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        await using var db = await App.Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await query(db);
    }
}
