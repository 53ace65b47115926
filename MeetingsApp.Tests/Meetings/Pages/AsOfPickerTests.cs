using Bunit;
using MeetingsApp.Meetings.Pages;
using MeetingsApp.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingsApp.Tests.Meetings.Pages;

public sealed class AsOfPickerTests : MudComponentTest
{
    [Fact]
    public void GoingBackInTime_OpensTheListAsOfTheInstantTyped_InThePersonsZone()
    {
        var picker = Ctx.Render<AsOfPicker>(p => p.AddCascadingValue(Times.FindZone("Europe/Berlin")));

        picker.Find("input[type=datetime-local]").Input("2026-11-20T09:30");
        picker.FindAll("button").Single(b => b.TextContent.Trim() == "Go back in time").Click();

        var navigation = Ctx.Services.GetRequiredService<NavigationManager>();
        Assert.Equal(AsOfPicker.PastAt(new DateTimeOffset(2026, 11, 20, 8, 30, 0, TimeSpan.Zero)), navigation.ToBaseRelativePath(navigation.Uri));
        Assert.Equal("Show my meetings as they were at", picker.Find("label[for=as-of-instant]").TextContent);
    }

    [Fact]
    public void NothingTyped_GoesNowhere()
    {
        var picker = Ctx.Render<AsOfPicker>(p => p.AddCascadingValue(TimeZoneInfo.Utc));
        var navigation = Ctx.Services.GetRequiredService<NavigationManager>();
        var before = navigation.Uri;

        picker.FindAll("button").Single(b => b.TextContent.Trim() == "Go back in time").Click();

        Assert.Equal(before, navigation.Uri);
    }
}
