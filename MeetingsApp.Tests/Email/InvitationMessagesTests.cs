using MeetingsApp.Accounts;
using MeetingsApp.Email;
using MeetingsApp.Meetings;
using MeetingsApp.Shared;
using MimeKit;

namespace MeetingsApp.Tests.Email;

/// <summary>The messages as rendered for one recipient, from a meeting folded out of its events; no database.</summary>
public sealed class InvitationMessagesTests
{
    private static readonly Guid Alice = Guid.NewGuid(), Bob = Guid.NewGuid(), Carol = Guid.NewGuid();
    private static readonly DateTimeOffset At = new(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeZoneInfo Berlin = Times.FindZone("Europe/Berlin");

    private static readonly Dictionary<Guid, UserSummary> People = new()
    {
        [Alice] = new(Alice, "Alice Anderson", "alice@example.com"),
        [Bob] = new(Bob, "Bob Brown", "bob@example.com"),
        [Carol] = new(Carol, "Carol Clark", "carol@example.com"),
    };

    private static (object Event, Meeting Meeting) Scheduled(DateTimeOffset start, TimeSpan duration)
    {
        var e = new MeetingScheduled(Guid.NewGuid(), "Night shift", "", "", start, duration, Alice, [Bob], At);
        return (e, Meeting.Evolve(null, e));
    }

    private static MimeMessage To(Guid recipient, object @event, Meeting meeting)
    {
        var letter = InvitationMessages.LettersFor(@event, meeting).First(l => l.RecipientId == recipient);
        var built = InvitationMessages.Build(letter, @event, meeting, new Mailbox(People[recipient], Berlin), People, At,
            $"1.{recipient:N}@meetingsapp", new EmailOptions());
        // Read back as stored in the outbox, as its recipient's mail program reads it.
        return MimeMessage.Load(new MemoryStream(System.Text.Encoding.ASCII.GetBytes(InvitationMessages.Serialize(built))));
    }

    private static string WhenLine(MimeMessage message) => message.TextBody!.Split('\n').Single(l => l.StartsWith("When: ")).TrimEnd('\r');

    [Theory]
    // A day long from 09:00 in Berlin: the end is the next day, so it says which.
    [InlineData("2026-12-01T08:00:00Z", 24, "When: Tue 1 Dec 2026, 09:00 – Wed 2 Dec 2026, 09:00 (Europe/Berlin)")]
    // 23:00 to 01:00 in Berlin: it ends after it starts.
    [InlineData("2026-12-01T22:00:00Z", 2, "When: Tue 1 Dec 2026, 23:00 – Wed 2 Dec 2026, 01:00 (Europe/Berlin)")]
    // Another day in UTC but the same day in Berlin: only the end time, as the recipient's clock reads it.
    [InlineData("2026-12-01T23:30:00Z", 1, "When: Wed 2 Dec 2026, 00:30 – 01:30 (Europe/Berlin)")]
    [InlineData("2026-12-01T08:00:00Z", 1, "When: Tue 1 Dec 2026, 09:00 – 10:00 (Europe/Berlin)")]
    public void TheWhenLine_NamesTheEndsDate_WhenItIsAnotherDayInTheRecipientsZone(string start, int hours, string expected)
    {
        var (e, meeting) = Scheduled(DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture), TimeSpan.FromHours(hours));

        var message = To(Bob, e, meeting);

        Assert.Equal(expected, WhenLine(message));
        Assert.Contains(System.Net.WebUtility.HtmlEncode(expected["When: ".Length..]), message.HtmlBody);
    }

    [Fact]
    public void TheOrganisersCopy_TellsHerWhatSheDid_WhileTheInviteeIsInvited()
    {
        var (scheduled, meeting) = Scheduled(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(1));

        var (hers, bobs) = (To(Alice, scheduled, meeting), To(Bob, scheduled, meeting));

        Assert.Equal("Invitation: Night shift @ Tue 1 Dec 2026, 09:00", bobs.Subject);
        Assert.StartsWith("Alice Anderson invites you.", bobs.TextBody);
        Assert.Equal("Copy of your invitation: Night shift @ Tue 1 Dec 2026, 09:00", hers.Subject);
        Assert.StartsWith("You scheduled this meeting.", hers.TextBody);
        Assert.DoesNotContain("invites you", hers.TextBody + hers.HtmlBody);
        Assert.DoesNotContain("?answer=", hers.TextBody); // she has nothing to answer

        var invited = new PeopleInvited(meeting.Id, [Carol], Alice, At);
        var afterInvite = Meeting.Evolve(meeting, invited);
        Assert.StartsWith("You invited Carol Clark.", To(Alice, invited, afterInvite).TextBody);
        Assert.StartsWith("Alice Anderson invites you.", To(Carol, invited, afterInvite).TextBody);

        var cancelled = new MeetingCancelled(meeting.Id, null, Alice, At);
        var afterCancel = Meeting.Evolve(afterInvite, cancelled);
        Assert.StartsWith("You cancelled this meeting.", To(Alice, cancelled, afterCancel).TextBody);
        Assert.StartsWith("Alice Anderson cancelled this meeting.", To(Bob, cancelled, afterCancel).TextBody);
    }

    [Fact]
    public void TheStoredMessage_HasCrlfLineEnds_AndNoBareLf()
    {
        var (e, meeting) = Scheduled(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(1));

        var letter = InvitationMessages.LettersFor(e, meeting).First(l => l.RecipientId == Bob);
        var mime = InvitationMessages.Serialize(InvitationMessages.Build(letter, e, meeting, new Mailbox(People[Bob], Berlin), People, At,
            "1.bob@meetingsapp", new EmailOptions()));

        Assert.Contains("\r\n", mime);
        Assert.DoesNotMatch("(?<!\r)\n", mime);
        Assert.DoesNotMatch("\r(?!\n)", mime);
        // The calendar part is carried as it is, so its lines end in CRLF as iCalendar's own rule asks (RFC 5545 3.1).
        Assert.Contains("\r\n\r\nBEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\n", mime);
    }

    [Fact]
    public async Task ThePickupFile_IsTheStoredMessage_ByteForByte()
    {
        var (e, meeting) = Scheduled(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(1));
        var letter = InvitationMessages.LettersFor(e, meeting).First(l => l.RecipientId == Bob);
        var stored = InvitationMessages.Serialize(InvitationMessages.Build(letter, e, meeting, new Mailbox(People[Bob], Berlin), People, At,
            "1.bob@meetingsapp", new EmailOptions()));
        var folder = Directory.CreateTempSubdirectory("meetings-pickup-");
        try
        {
            // As the sender does it: the stored text loaded, then handed to the transport.
            using var message = MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(stored)));
            await new PickupDirectoryTransport(folder.FullName).SendAsync(message, CancellationToken.None);

            var file = Assert.Single(Directory.GetFiles(folder.FullName, "*.eml"));
            Assert.Equal(System.Text.Encoding.ASCII.GetBytes(stored), await File.ReadAllBytesAsync(file));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
