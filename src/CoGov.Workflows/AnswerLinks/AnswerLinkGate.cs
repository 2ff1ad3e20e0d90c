using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CoGov.Domain.Organisations;
using CoGov.Domain.Policies;
using CoGov.Workflows.Common;
using CoGov.Workflows.Notifications;
using CoGov.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CoGov.Workflows.AnswerLinks;

/// <summary>What an answer link is worth when someone opens it.</summary>
public enum AnswerLinkStanding
{
    /// <summary>It opens its question, acting as its person.</summary>
    Valid,

    /// <summary>Not a token CoGov made, or one of a link that no longer exists: answered as if there were no such page.</summary>
    Unknown,

    Revoked,

    /// <summary>The question was reassigned (or its delegation ended): it is someone else's to answer now.</summary>
    Moved,

    Expired,

    /// <summary>The organisation asks for a mailed code first, and this browser has not given one yet.</summary>
    NeedsCode,
}

/// <param name="Grant">What the link lets its bearer do, when it is <see cref="AnswerLinkStanding.Valid"/>.</param>
/// <param name="MaskedAddress">Where a code goes, shown half hidden, when the link needs one.</param>
/// <param name="CodeOutstanding">Whether a code was mailed that can still be given.</param>
/// <param name="CodeNeverMailed">Whether no code has been mailed since the last one was given (or ever): opening the link mails one then.</param>
public sealed record AnswerLinkOpening(
    AnswerLinkStanding Standing, AnswerLinkGrant? Grant = null, string? MaskedAddress = null, bool CodeOutstanding = false, bool CodeNeverMailed = false);

/// <summary>What giving a code came to; the secret is for the browser's cookie, when the code was right.</summary>
public sealed record AnswerLinkCodeCheck(AnswerLinkStanding Standing, bool Accepted, string? BrowserSecret = null);

/// <summary>
/// Issues answer links and lets their bearers in (decision record 21): the way a manager without a login acts on one
/// question. Everything done after <see cref="OpenAsync"/> goes through the same commands as the question page, which
/// the authorisation behaviour lets through only for the link's question and person.
/// </summary>
public sealed class AnswerLinkGate(
    CoGovDbContext db,
    UserContext user,
    TimeProvider clock,
    AnswerLinkTokens tokens,
    IServiceScopeFactory scopes,
    IMailTransport transport,
    IOptions<MailOptions> mail)
{
    /// <summary>
    /// The address of the answer link for the manager answering a question, for a mail to them; issued the first time it
    /// is asked for and the same on every later ask (so every attempt at a mail carries the same link). Null when they
    /// should sign in instead: they have a login in the organisation and do not prefer links, are retired, or are not the
    /// one answering that question now.
    /// </summary>
    public async Task<string?> LinkForAsync(Guid personId, Guid assessmentId, int questionNumber, CancellationToken cancellationToken)
    {
        // A scope of its own: the caller (the outbox sender) has its own changes in hand, which this save must not carry.
        await using var scope = scopes.CreateAsyncScope();
        var own = scope.ServiceProvider.GetRequiredService<CoGovDbContext>();
        var address = scope.ServiceProvider.GetService<IAnswerLinkAddress>()
            ?? throw new InvalidOperationException("No IAnswerLinkAddress is registered: only the web app can build answer links.");
        await tokens.PrepareAsync(own, cancellationToken);

        var answering = await own.QuestionItems.AsNoTracking()
            .AnyAsync(q => q.AssessmentId == assessmentId && q.Number == questionNumber && (q.AssigneeId == personId || q.DelegateId == personId), cancellationToken);
        var person = await own.People.AsNoTracking().Where(p => p.Id == personId)
            .Select(p => new { p.OrganisationId, p.PrefersAnswerLinks, p.RetiredAt })
            .SingleOrDefaultAsync(cancellationToken);
        if (!answering || person is null || person.RetiredAt is not null)
        {
            return null;
        }
        var signsIn = await own.Memberships.AnyAsync(m => m.PersonId == personId && m.OrganisationId == person.OrganisationId, cancellationToken);
        if (signsIn && !person.PrefersAnswerLinks)
        {
            return null;
        }

        // A revoked link stays dead; the next mail brings a fresh one, to the address the record now holds.
        var link = await own.AnswerLinks
            .Where(l => l.AssessmentId == assessmentId && l.QuestionNumber == questionNumber && l.PersonId == personId && l.RevokedAt == null)
            .OrderByDescending(l => l.IssuedAt)
            .FirstOrDefaultAsync(cancellationToken);
        if (link is null)
        {
            link = new AnswerLink(person.OrganisationId, assessmentId, questionNumber, personId, clock.GetUtcNow());
            link.Seal(AnswerLinkTokens.Hash(await tokens.TokenForAsync(own, link.Id, cancellationToken)));
            own.AnswerLinks.Add(link);
            await own.SaveChangesAsync(cancellationToken);
        }
        return address.PageFor(await tokens.TokenForAsync(own, link.Id, cancellationToken));
    }

    /// <summary>
    /// Checks the token and, when it is good, acts for its person on its question for the rest of this scope (see
    /// <see cref="UserContext.AnswerLink"/>) and notes when it was last used.
    /// </summary>
    /// <param name="browserSecret">What this browser's cookie holds since it gave a mailed code, if anything.</param>
    public async Task<AnswerLinkOpening> OpenAsync(string? token, string? browserSecret, CancellationToken cancellationToken)
    {
        var (standing, found) = await StandingAsync(token, cancellationToken);
        if (standing != AnswerLinkStanding.Valid)
        {
            return new AnswerLinkOpening(standing);
        }
        var now = clock.GetUtcNow();
        var (link, place, organisation) = found!;
        if (organisation.AnswerLinksNeedCode
            && !(AnswerLinkTokens.Matches(link.CodeSessionHash, browserSecret) && link.CodeSessionExpiresAt > now))
        {
            var person = organisation.FindPerson(link.PersonId)!;
            return new AnswerLinkOpening(AnswerLinkStanding.NeedsCode, MaskedAddress: Masked(person.Email), CodeOutstanding: link.HasLiveCode(now),
                CodeNeverMailed: link.CodeHash is null && link.CodeFailures == 0);
        }
        link.Used(now);
        await db.SaveChangesAsync(cancellationToken);
        var grant = new AnswerLinkGrant(link.Id, organisation.Key, place.SystemKey, place.Cycle, link.QuestionNumber,
            organisation.ActorFor(link.PersonId) with { Login = AnswerLinkGrant.LoginOf(link.Id) });
        user.ActThroughAnswerLink(grant);
        return new AnswerLinkOpening(AnswerLinkStanding.Valid, grant);
    }

    /// <summary>
    /// Mails a fresh six-digit code to the link's person at the address their record holds, replacing any earlier one.
    /// Sent at once, not through the outbox: it is worth something only for minutes.
    /// </summary>
    /// <returns>The link's standing (a code is mailed only while it is <see cref="AnswerLinkStanding.NeedsCode"/>), and whether the mail went.</returns>
    public async Task<(AnswerLinkStanding Standing, bool Mailed)> MailCodeAsync(string? token, CancellationToken cancellationToken)
    {
        var (standing, found) = await StandingAsync(token, cancellationToken);
        if (standing != AnswerLinkStanding.Valid || !found!.Organisation.AnswerLinksNeedCode)
        {
            return (standing, false);
        }
        var (link, place, organisation) = found;
        var person = organisation.FindPerson(link.PersonId)!;
        var now = clock.GetUtcNow();
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        link.CodeMailed(await tokens.CodeHashAsync(db, link.Id, code, cancellationToken), now);
        await db.SaveChangesAsync(cancellationToken);

        var id = Guid.CreateVersion7();
        var body = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"Dear {person.Name},").AppendLine().AppendLine()
            .Append(CultureInfo.InvariantCulture, $"Someone opened your CoGov answer link for question {link.QuestionNumber} about {place.SystemName} at {organisation.Name}. To go on, give this code on the page:")
            .AppendLine().AppendLine()
            .Append("  ").AppendLine(code).AppendLine()
            .Append(CultureInfo.InvariantCulture, $"It works for {AnswerLink.CodeLifetime.TotalMinutes:0} minutes. If it was not you, do not pass the code on: without it the link opens nothing.")
            .AppendLine().AppendLine()
            .AppendLine("-- ")
            .AppendLine("Sent by CoGov. A reply to this mail reaches no one.");
        try
        {
            await transport.SendAsync(id, DirectMail.Compose(mail.Value, id, now, person.Name, person.Email,
                $"Your code for question {link.QuestionNumber} about {place.SystemName}", body.ToString()), cancellationToken);
            return (AnswerLinkStanding.NeedsCode, true);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // The page says the code could not be sent; the code stored is useless without the mail, and a new try replaces it.
            return (AnswerLinkStanding.NeedsCode, false);
        }
    }

    /// <summary>
    /// Checks a code given on the page. A right one gives this browser a secret for its cookie, good for a working day;
    /// a wrong one counts, and the fifth spends the code.
    /// </summary>
    public async Task<AnswerLinkCodeCheck> CheckCodeAsync(string? token, string? code, CancellationToken cancellationToken)
    {
        var (standing, found) = await StandingAsync(token, cancellationToken);
        if (standing != AnswerLinkStanding.Valid || !found!.Organisation.AnswerLinksNeedCode)
        {
            return new AnswerLinkCodeCheck(standing, false);
        }
        var link = found.Link;
        var now = clock.GetUtcNow();
        if (!link.HasLiveCode(now))
        {
            return new AnswerLinkCodeCheck(AnswerLinkStanding.NeedsCode, false);
        }
        var given = new string((code ?? "").Where(char.IsAsciiDigit).ToArray());
        var expected = await tokens.CodeHashAsync(db, link.Id, given, cancellationToken);
        if (given.Length != 6 || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(link.CodeHash!), Encoding.ASCII.GetBytes(expected)))
        {
            link.CodeFailed();
            await db.SaveChangesAsync(cancellationToken);
            return new AnswerLinkCodeCheck(AnswerLinkStanding.NeedsCode, false);
        }
        var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        link.CodeAccepted(AnswerLinkTokens.Hash(secret), now);
        await db.SaveChangesAsync(cancellationToken);
        return new AnswerLinkCodeCheck(AnswerLinkStanding.Valid, true, secret);
    }

    /// <summary>When a link stops working: at the last escalation of its question's deadline, so it moves when the deadline moves.</summary>
    internal static DateTimeOffset ExpiryOf(AnswerLink link, DateTimeOffset? deadline, DeadlineRules? rules) =>
        deadline is { } due && rules is not null
            ? rules.EscalationAt(due, Math.Max(1, rules.Escalation.Count))
            // A question always has a deadline once sent; this is only for a policy gone missing.
            : link.IssuedAt + DefaultLifetime;

    /// <summary>How long a link lasts when its organisation has no policy to say.</summary>
    internal static readonly TimeSpan DefaultLifetime = TimeSpan.FromDays(30);

    internal sealed record Place(string SystemKey, string SystemName, int Cycle, Guid? AssigneeId, Guid? DelegateId, DateTimeOffset? Deadline);

    private sealed record Found(AnswerLink Link, Place Place, Organisation Organisation);

    /// <summary>The link a token names and what it is worth, before any code: the one check every use makes.</summary>
    private async Task<(AnswerLinkStanding Standing, Found? Found)> StandingAsync(string? token, CancellationToken cancellationToken)
    {
        await tokens.PrepareAsync(db, cancellationToken);
        if (await tokens.IdOfAsync(db, token, cancellationToken) is not { } id
            || await db.AnswerLinks.SingleOrDefaultAsync(l => l.Id == id, cancellationToken) is not { } link
            || !AnswerLinkTokens.Matches(link.TokenHash, token))
        {
            return (AnswerLinkStanding.Unknown, null);
        }
        if (link.IsRevoked)
        {
            return (AnswerLinkStanding.Revoked, null);
        }
        var place = await PlaceAsync(db, link.AssessmentId, link.QuestionNumber, cancellationToken);
        if (place is null || (place.AssigneeId != link.PersonId && place.DelegateId != link.PersonId))
        {
            return (AnswerLinkStanding.Moved, null);
        }
        var organisation = await db.Organisations.AsNoTracking()
            .Include(o => o.People)
            .Include(o => o.Committee).ThenInclude(c => c.Seats)
            .SingleAsync(o => o.Id == link.OrganisationId, cancellationToken);
        if (organisation.FindPerson(link.PersonId) is not { IsRetired: false })
        {
            return (AnswerLinkStanding.Moved, null);
        }
        var rules = await RulesAsync(db, organisation.Id, cancellationToken);
        if (clock.GetUtcNow() >= ExpiryOf(link, place.Deadline, rules))
        {
            return (AnswerLinkStanding.Expired, null);
        }
        return (AnswerLinkStanding.Valid, new Found(link, place, organisation));
    }

    internal static async Task<Place?> PlaceAsync(CoGovDbContext db, Guid assessmentId, int number, CancellationToken cancellationToken) =>
        await (from q in db.QuestionItems
               where q.AssessmentId == assessmentId && q.Number == number
               join a in db.Assessments on q.AssessmentId equals a.Id
               join s in db.Systems on a.SystemId equals s.Id
               select new Place(s.Key, s.Name, a.Cycle, q.AssigneeId, q.DelegateId, q.Deadline))
            .AsNoTracking()
            .SingleOrDefaultAsync(cancellationToken);

    /// <summary>The organisation's deadline rules, else the instance's default policy's.</summary>
    internal static async Task<DeadlineRules?> RulesAsync(CoGovDbContext db, Guid organisationId, CancellationToken cancellationToken) =>
        (await db.RoutingPolicies.AsNoTracking()
            .Where(p => p.OrganisationId == organisationId || p.OrganisationId == null)
            .OrderBy(p => p.OrganisationId == null)
            .FirstOrDefaultAsync(cancellationToken))?.Deadlines;

    /// <summary>
    /// What tells one link's cookie from another's: the token's id part, which names the link but opens nothing without
    /// the MAC after it.
    /// </summary>
    public static string CookieSuffix(string token) =>
        token.Length == AnswerLinkTokens.Length ? token[..22] : "unknown";

    /// <summary>Enough of an address for its owner to know it, not enough to give it away: <c>d***@example.org</c>.</summary>
    private static string Masked(string email) =>
        email.IndexOf('@', StringComparison.Ordinal) is > 0 and var at ? $"{email[0]}***{email[at..]}" : "***";
}
