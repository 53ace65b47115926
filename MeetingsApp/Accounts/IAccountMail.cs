using MeetingsApp.Data;

namespace MeetingsApp.Accounts;

/// <summary>What an account form tells the owner of an address.</summary>
public enum AccountLetter
{
    /// <summary>A new account waits: confirm the address with the link.</summary>
    Confirmation,

    /// <summary>Someone tried to register an address that already has an account.</summary>
    AlreadyRegistered,

    /// <summary>Someone asked for a new link for an address that is confirmed already.</summary>
    AlreadyConfirmed,

    /// <summary>Someone asked for a link for an address that has no account.</summary>
    NoAccount,
}

/// <summary>
/// The mails the account forms send. Each is queued in the caller's context, so it commits with the account change it
/// tells of. Email's <c>AccountMail</c> implements it with the outbox; Accounts needs nothing of how mail travels.
/// </summary>
public interface IAccountMail
{
    /// <summary>A link into the app as its users reach it, never as a request's Host header names it.</summary>
    string LinkTo(string pathAndQuery);

    /// <summary>Adds the message to <paramref name="db"/>; the caller saves it, then calls <see cref="Wake"/>.</summary>
    /// <param name="byInvitationOnly">Registration needs an admin's invitation: a "no account" mail says so, instead of offering the form.</param>
    void Add(AppDbContext db, AccountLetter letter, string to, Guid? accountId, string? confirmationLink = null, bool byInvitationOnly = false);

    /// <summary>New rows were committed: deliver them now rather than at the next poll.</summary>
    void Wake();
}
