using MeetingsApp.Accounts;
using MeetingsApp.Demo;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingsApp.Tests.Meetings.Pages;

/// <summary>
/// Someone in no meeting and at work every day, all day: the earliest time the real "Suggest times" offers them is the
/// first half hour its search allows, so a test steers it with the clock alone.
/// </summary>
internal static class AtWorkAroundTheClock
{
    private const WorkDays EveryDay = WorkDays.MondayToFriday | WorkDays.Saturday | WorkDays.Sunday;

    public static async Task<Guid> CreateUserAtWorkAroundTheClockAsync(this IServiceProvider services, string zone)
    {
        var user = await services.CreateUserAsync("Around the Clock", $"around.the.clock.{Guid.NewGuid():N}@test.example");
        var profiles = services.GetRequiredService<Profiles>();
        Assert.Null(await profiles.SaveAsync(user, new(zone, EmailNotifications: false, EveryDay, TimeOnly.MinValue, TimeOnly.MaxValue)));
        return user;
    }
}
