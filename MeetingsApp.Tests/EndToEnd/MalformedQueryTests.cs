using System.Net;
using MeetingsApp.Demo;

namespace MeetingsApp.Tests.EndToEnd;

/// <summary>Hand-edited query values are ignored or answered with a readable error, never a server error.</summary>
public sealed class MalformedQueryTests(AppServer app) : IClassFixture<AppServer>
{
    private static readonly Guid Review = DemoData.Id("meeting:design-review");

    [Theory]
    [InlineData("/events?before=abc")]
    [InlineData("/events?before=99999999999999999999999")]
    [InlineData("/events?from=yesterday&to=%00&meeting=nope&correlation=x")]
    [InlineData("/meetings?asOf=abc")]
    [InlineData("/meetings/{review}/timeline?v=abc")]
    [InlineData("/meetings/{review}/timeline?v=-5")]
    [InlineData("/meetings/{review}/timeline?v=99999999999")]
    // Days at the ends of the calendar, where a view's last midnight or its window a day earlier does not exist.
    [InlineData("/calendar?date=9999-12-31")]
    [InlineData("/calendar?view=day&date=9999-12-31")]
    [InlineData("/calendar?view=month&date=9999-12-31")]
    [InlineData("/calendar?date=0001-01-01")]
    [InlineData("/calendar?view=day&date=0001-01-01")]
    [InlineData("/calendar?view=month&date=0001-01-01")]
    [InlineData("/calendar?view=month&date=1900-01-01")]
    [InlineData("/calendar?view=month&date=9000-12-31")]
    [InlineData("/calendar?asOf=0001-01-01T00:00:00Z")]
    [InlineData("/meetings/new?start=9999-12-31T23:30")]
    [InlineData("/meetings/new?start=0001-01-01T00:00")]
    public async Task AMalformedValue_IsIgnored(string path)
    {
        var (alice, _) = await app.SignedInClientAsync("alice");

        var response = await alice.GetAsync(path.Replace("{review}", Review.ToString()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/meetings?title=café", "/meetings?title=caf%C3%A9")]
    [InlineData("/meetings/ünïcödé", "/meetings/%C3%BCn%C3%AFc%C3%B6d%C3%A9")]
    [InlineData("/meetings?x=\u202E", "/meetings?x=%E2%80%AE")]
    public async Task ANonAsciiReturnUrl_AfterACorrectPassword_SignsInAndLandsThereEncoded(string returnUrl, string expected)
    {
        using var client = app.CreateBrowserlessClient();

        var response = await app.SignInAsync(client, "bob@example.com", DemoData.Password, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, new Uri(app.BaseAddress, response.Headers.Location!).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/meetings")).StatusCode);
    }
}
