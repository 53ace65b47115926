using System.Security.Cryptography;
using System.Text;
using FluentValidation;
using MeetingsApp.Accounts;
using MeetingsApp.Data;
using MeetingsApp.EventStore;
using MeetingsApp.EventStore.Subscriptions;
using MeetingsApp.Meetings;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MeetingsApp.Demo;

/// <summary>
/// Demo users and a few weeks of meeting history, written through the real command path as the story's
/// clock says. Every command id is derived from its place in the story, so a second run writes nothing.
/// </summary>
public static class DemoData
{
    public const string Password = "Passw0rd!";

    public static readonly IReadOnlyList<(string Login, string DisplayName)> People =
        [("alice", "Alice Anderson"), ("bob", "Bob Brown"), ("carol", "Carol Clark"), ("dave", "Dave Davis"), ("erin", "Erin Evans")];

    public static string Email(string login) => $"{login}@example.com";

    /// <summary>A stable id for a named thing of the story.</summary>
    public static Guid Id(string name) => new(MD5.HashData(Encoding.UTF8.GetBytes($"meetingsapp-demo:{name}")));

    public static async Task SeedDemoDataAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        var users = await SeedUsersAsync(services);
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        await new Story(services, users, new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero)).TellAsync(ct);
    }

    /// <summary>Creates a user who can be invited but not sign in (no password): for verbs and tests.</summary>
    public static async Task<Guid> CreateUserAsync(this IServiceProvider services, string displayName, string email)
    {
        await using var scope = services.CreateAsyncScope();
        var user = new AppUser { UserName = email, Email = email, DisplayName = displayName };
        Check(await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().CreateAsync(user));
        return user.Id;
    }

    private static async Task<Dictionary<string, Guid>> SeedUsersAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var roleManager = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
        if (!await roleManager.RoleExistsAsync(Roles.Admin)) Check(await roleManager.CreateAsync(new IdentityRole<Guid>(Roles.Admin)));

        var ids = new Dictionary<string, Guid>();
        foreach (var (login, displayName) in People)
        {
            var user = await userManager.FindByEmailAsync(Email(login));
            if (user is null)
            {
                user = new AppUser { Id = Id($"user:{login}"), UserName = Email(login), Email = Email(login), EmailConfirmed = true, DisplayName = displayName };
                Check(await userManager.CreateAsync(user, Password));
                if (login == "alice") Check(await userManager.AddToRoleAsync(user, Roles.Admin));
            }
            ids[login] = user.Id;
        }
        return ids;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    /// <summary>The meetings, told in order, each command at its own moment of the story.</summary>
    private sealed class Story(IServiceProvider services, Dictionary<string, Guid> users, DateTimeOffset today)
    {
        private readonly StoryClock _clock = new();

        public async Task TellAsync(CancellationToken ct)
        {
            // Its own store and handler, so events carry the story's times; validators see the story's clock too.
            await using var store = new EfEventStore<AppDbContext>(services.GetRequiredService<IDbContextFactory<AppDbContext>>(),
                services.GetRequiredService<EventTypeRegistry>(), _clock, services.GetRequiredService<AppendSignal>(), services.GetRequiredService<WriteGate>());
            await using var validators = new ServiceCollection()
                .AddSingleton<TimeProvider>(_clock)
                .AddSingleton(services.GetRequiredService<IUserDirectory>())
                .AddValidatorsFromAssemblyContaining<ScheduleMeetingValidator>(ServiceLifetime.Singleton)
                .BuildServiceProvider();
            var handler = new MeetingCommandHandler(store, validators, new StreamLocks(), _clock,
                services.GetRequiredService<ILogger<MeetingCommandHandler>>());
            var day = today.AddHours(-today.Hour);

            async Task Do<T>(string step, string who, T command, DateTimeOffset at) where T : IMeetingCommand<T>
            {
                _clock.Now = at;
                var result = await handler.HandleAsync(command, new CommandContext(users[who], Id($"command:{step}"), Client: "demo-seed"), ct);
                if (!result.Succeeded) throw new InvalidOperationException($"Demo step '{step}' failed: {result.Error!.Message}");
            }

            var retro = Id("meeting:retrospective");
            await Do("retro.schedule", "alice", new ScheduleMeeting(retro, "Sprint retrospective", "What went well, what did not, what we change.",
                day.AddDays(-7).AddHours(10), TimeSpan.FromHours(1), [users["bob"], users["carol"], users["erin"]]), today.AddDays(-10));
            await Do("retro.bob", "bob", new AcceptInvitation(retro), today.AddDays(-9));
            await Do("retro.carol", "carol", new AcceptInvitation(retro), today.AddDays(-9).AddHours(2));
            await Do("retro.erin", "erin", new DeclineInvitation(retro), today.AddDays(-8));
            await Do("retro.finish", "alice", new FinishMeeting(retro), day.AddDays(-7).AddHours(11));

            var budget = Id("meeting:budget");
            await Do("budget.schedule", "carol", new ScheduleMeeting(budget, "Budget sync", "Q1 budget before the board meeting.",
                day.AddDays(3).AddHours(15), TimeSpan.FromMinutes(30), [users["alice"], users["bob"]]), today.AddDays(-3));
            await Do("budget.alice", "alice", new AcceptInvitation(budget), today.AddDays(-3).AddHours(1));
            await Do("budget.cancel", "carol", new CancelMeeting(budget, "The numbers are not ready yet."), today.AddDays(-2));

            var planning = Id("meeting:planning");
            await Do("planning.schedule", "alice", new ScheduleMeeting(planning, "Sprint planning", "Pick the stories for the next two weeks.",
                day.AddDays(2).AddHours(10), TimeSpan.FromMinutes(90), [users["bob"], users["carol"], users["dave"]]), today.AddDays(-2).AddHours(1));
            await Do("planning.bob", "bob", new AcceptInvitation(planning), today.AddDays(-2).AddHours(3));
            await Do("planning.carol", "carol", new DeclineInvitation(planning), today.AddDays(-2).AddHours(4));
            await Do("planning.move", "alice", new RescheduleMeeting(planning, day.AddDays(2).AddHours(14)), today.AddDays(-1));
            await Do("planning.carol-again", "carol", new AcceptInvitation(planning), today.AddDays(-1).AddHours(2));
            await Do("planning.bob-again", "bob", new AcceptInvitation(planning, "The afternoon works better for me anyway."), today.AddDays(-1).AddHours(3));

            var review = Id("meeting:design-review");
            await Do("review.schedule", "bob", new ScheduleMeeting(review, "Design review: calendar sync", null,
                day.AddDays(1).AddHours(11), TimeSpan.FromMinutes(45), [users["alice"], users["erin"]]), today.AddDays(-1).AddHours(3));
            await Do("review.erin", "erin", new AcceptInvitation(review), today.AddDays(-1).AddHours(5));
            await Do("review.invite", "bob", new InvitePeople(review, [users["carol"]]), today.AddDays(-1).AddHours(6));

            var roadmap = Id("meeting:roadmap");
            await Do("roadmap.schedule", "erin", new ScheduleMeeting(roadmap, "Quarterly roadmap", "Bring your top three priorities.",
                day.AddDays(5).AddHours(13), TimeSpan.FromHours(1), [users["alice"], users["bob"], users["dave"]]), today.AddHours(-3));
            await Do("roadmap.dave", "dave", new AcceptInvitation(roadmap), today.AddHours(-2));
            await Do("roadmap.room", "erin", new EditMeetingDetails(roadmap, "Quarterly roadmap", "Bring your top three priorities.", "Room Atlas, 3rd floor"),
                today.AddHours(-2).AddMinutes(30));
            await Do("roadmap.bob", "bob", new TentativelyAcceptInvitation(roadmap, "Only the first half, I have a customer call after."),
                today.AddHours(-1));
        }
    }

    private sealed class StoryClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
