using MeetingsApp.Accounts;
using MeetingsApp.Data;
using MeetingsApp.EventStore;
using MeetingsApp.EventStore.Subscriptions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace MeetingsApp.Email;

public static class EmailServices
{
    /// <summary>Invitations by e-mail, first half: the <see cref="EmailReactor"/> fills the outbox as the log grows.</summary>
    public static IServiceCollection AddEmail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EmailOptions>().Bind(configuration.GetSection(EmailOptions.Section));
        services.AddSingleton<ISubscriber<AppDbContext>, EmailReactor>();
        services.AddSingleton<OutboxQueries>();
        services.AddSingleton<AccountMail>();
        services.AddSingleton<IAccountMail>(sp => sp.GetRequiredService<AccountMail>());
        return services;
    }

    /// <summary>
    /// Second half, for the web host only: the <see cref="OutboxSender"/> empties the outbox through SMTP when
    /// <c>Email:Smtp:Host</c> is set, and into .eml files in <c>Email:PickupDirectory</c> otherwise.
    /// </summary>
    public static IServiceCollection AddEmailDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IMailTransport>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<EmailOptions>>().Value;
            return string.IsNullOrWhiteSpace(options.Smtp.Host)
                ? new PickupDirectoryTransport(PickupDirectory(options, configuration))
                : new SmtpMailTransport(sp.GetRequiredService<IOptions<EmailOptions>>());
        });
        services.AddSingleton<OutboxSender>();
        services.AddSingleton<OutboxRetry>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxSender>());
        services.AddSingleton<ISubscriptionObserver, WakeTheSender>();
        return services;
    }

    /// <summary>A relative pickup directory lies beside the SQLite file (or in the working directory on PostgreSQL).</summary>
    private static string PickupDirectory(EmailOptions options, IConfiguration configuration)
    {
        if (Path.IsPathRooted(options.PickupDirectory)) return options.PickupDirectory;
        var baseDirectory = DatabaseProvider.Named(configuration["Database:Provider"]) == DatabaseProvider.Sqlite
            && configuration.GetConnectionString("Meetings") is { } connectionString
            ? Path.GetDirectoryName(Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource))!
            : Directory.GetCurrentDirectory();
        return Path.Combine(baseDirectory, options.PickupDirectory);
    }

    /// <summary>The reactor committed new outbox rows: the sender looks at once instead of at its next poll.</summary>
    private sealed class WakeTheSender(OutboxSender sender) : ISubscriptionObserver
    {
        public string Subscriber => EmailReactor.SubscriberName;

        public bool PeopleWait => false;

        public Task CommittedAsync(IReadOnlyList<RecordedEvent> batch, CancellationToken ct)
        {
            sender.Wake();
            return Task.CompletedTask;
        }
    }
}
