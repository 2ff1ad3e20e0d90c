using CoGov.Domain.Common;
using CoGov.Domain.Organisations;
using CoGov.Workflows.Common;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Notifications;
using CoGov.Workflows.Organisations;
using CoGov.Workflows.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CoGov.Workflows.Members;

/// <summary>
/// An administrator invites someone to the organisation by e-mail: a login without a password (so unconfirmed until the
/// invitation is accepted), its membership (as one of the organisation's people, or none) and its roles, then a mail
/// with a link to choose a password. An e-mail that already has a login gets the membership and a mail saying so; one
/// whose earlier invitation was never accepted gets a fresh link, and the old one stops working.
/// </summary>
/// <param name="Email">The login's address for someone who is none of the organisation's people; for one of them, empty or their recorded address, since the invitation goes only there.</param>
/// <param name="PersonKey">The person of the organisation the login is for, or empty for someone who is none of them (an administrator, an officer).</param>
/// <param name="AcceptAddress">The absolute address of the page that accepts an invitation; the link adds the login and its secret (<see cref="InvitationTokens"/>).</param>
/// <param name="SignInAddress">The absolute address an existing login is sent to.</param>
[RequiresRole(Identity.Roles.Admin)] // qualified: the record's own Roles property hides the class here
public sealed record InviteMember(
    string OrganisationKey,
    string? Email,
    string? PersonKey,
    IReadOnlyList<string> Roles,
    string AcceptAddress,
    string SignInAddress) : ICommand<Invitation>, IOrganisationRequest;

public enum InvitationKind
{
    /// <summary>A new login, with a link to choose its password.</summary>
    NewLogin,

    /// <summary>A login that never accepted an earlier invitation, with a fresh link.</summary>
    InvitedAgain,

    /// <summary>An existing login, now also a member of the organisation.</summary>
    ExistingLoginAdded,
}

/// <param name="MailProblem">Why the mail did not go, when it did not. The login and membership stand; inviting again sends a fresh link.</param>
public sealed record Invitation(string Email, InvitationKind Kind, string? MailProblem)
{
    public bool MailSent => MailProblem is null;
}

public sealed class InviteMemberValidator : AbstractValidator<InviteMember>
{
    public InviteMemberValidator()
    {
        RuleFor(c => c.OrganisationKey).NotEmpty();
        RuleFor(c => c.Email).Must(e => IsAddress(e!.Trim())).WithPhrase("'{0}' is not an e-mail address.", (_, email) => [email])
            .MaximumLength(256).WithPhrase("An e-mail address is at most 256 characters.")
            .When(c => !string.IsNullOrWhiteSpace(c.Email));
        RuleFor(c => c.Email).NotEmpty().When(c => string.IsNullOrWhiteSpace(c.PersonKey))
            .WithPhrase("Give the e-mail address to invite, or choose the person the login is for.");
        RuleFor(c => c.Roles).NotNull();
        RuleForEach(c => c.Roles).Must(r => Roles.All.Contains(r))
            .WithPhrase("'{0}' is not a role; the roles are {1}.", (_, role) => [role, string.Join(", ", Roles.All)]);
        RuleFor(c => c.AcceptAddress).Must(IsWebAddress).WithPhrase("The address of the page that accepts invitations must be an absolute web address.");
        RuleFor(c => c.SignInAddress).Must(IsWebAddress).WithPhrase("The address to sign in at must be an absolute web address.");
    }

    /// <summary>The same loose check as an e-mail field's: something, one @, something, no spaces. The mail server judges the rest.</summary>
    private static bool IsAddress(string email) =>
        email.IndexOf('@', StringComparison.Ordinal) is var at && at > 0 && at == email.LastIndexOf('@') && at < email.Length - 1
        && !email.Any(char.IsWhiteSpace);

    private static bool IsWebAddress(string address) =>
        Uri.TryCreate(address, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}

public sealed partial class InviteMemberHandler(
    CoGovDbContext db,
    UserManager<CoGovUser> users,
    UserContext user,
    OrganisationAudit audit,
    IMailTransport transport,
    IOptions<MailOptions> mailOptions,
    TimeProvider clock,
    ILogger<InviteMemberHandler> logger) : ICommandHandler<InviteMember, Invitation>
{
    public async ValueTask<Invitation> Handle(InviteMember command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        // Identity saves as it goes (the login, then its secret); one transaction makes the whole invitation all
        // or nothing. SQL Server's retrying strategy requires a transaction to run inside it, and a retry starts afresh.
        var (kind, facts) = await db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            var prepared = await PrepareAsync(command, now, token);
            await transaction.CommitAsync(token);
            return prepared;
        }, cancellationToken);

        // The mail goes after the commit: a link must never reach someone for a login that was then rolled back.
        if (await InvitationMail.TrySendAsync(transport, mailOptions.Value, now, facts, cancellationToken) is { } problem)
        {
            LogMailFailed(problem, facts.OrganisationName);
            return new Invitation(facts.RecipientAddress, kind, problem.Message);
        }
        return new Invitation(facts.RecipientAddress, kind, null);
    }

    private async Task<(InvitationKind Kind, InvitationMail.Facts Facts)> PrepareAsync(InviteMember command, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.AsNoTracking().Include(o => o.People).Include(o => o.Committee)
            .SingleOrDefaultAsync(o => o.Key == command.OrganisationKey, cancellationToken)
            ?? throw new NotFoundException($"There is no organisation '{command.OrganisationKey}'.");
        Person? person = null;
        if (!string.IsNullOrWhiteSpace(command.PersonKey))
        {
            person = organisation.FindPerson(command.PersonKey)
                ?? throw new DomainRuleException("{0} has no person '{1}'.", organisation.Name, command.PersonKey);
        }
        var email = string.IsNullOrWhiteSpace(command.Email) ? person!.Email.Trim() : command.Email.Trim();
        if (email.Length == 0)
        {
            throw new InputRejectedException(new Dictionary<string, Phrase[]>
            {
                [nameof(InviteMember.Email)] = [new Phrase("{0} has no e-mail address in CoGov; add it to their record, then invite them.", person!.Name)],
            });
        }

        var account = await users.FindByEmailAsync(email);
        var membership = account is null
            ? null
            : await db.Memberships.SingleOrDefaultAsync(m => m.UserId == account.Id && m.OrganisationId == organisation.Id, cancellationToken);
        if (person is not null)
        {
            var linked = await (
                    from m in db.Memberships
                    where m.OrganisationId == organisation.Id && m.PersonId == person.Id
                    join u in db.Users on m.UserId equals u.Id
                    select new { u.Id, u.Email })
                .FirstOrDefaultAsync(cancellationToken);
            if (linked is not null && linked.Id != account?.Id)
            {
                throw new DomainRuleException("{0} already has a login ({1}); a person has one login in an organisation.", person.Name, linked.Email);
            }
            // A login for one of the organisation's people acts as that person (answers, signs off), so its link goes only
            // to the address on their record: an administrator cannot send someone's part to another mailbox.
            if (!string.Equals(email, person.Email.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                throw new InputRejectedException(new Dictionary<string, Phrase[]>
                {
                    [nameof(InviteMember.Email)] = [person.Email.Trim().Length == 0
                        ? new Phrase("{0} has no e-mail address in CoGov; add it to their record, then invite them.", person.Name)
                        : new Phrase("An invitation for {0} goes to the address on their record, {1}; leave the address empty.", person.Name, person.Email.Trim())],
                });
            }
        }

        InvitationKind kind;
        if (account is null)
        {
            account = new CoGovUser { UserName = email, Email = email, EmailConfirmed = false, DisplayName = person?.Name ?? email };
            Check(await users.CreateAsync(account));
            kind = InvitationKind.NewLogin;
        }
        else
        {
            var hasPassword = await users.HasPasswordAsync(account);
            if (membership is not null && hasPassword)
            {
                throw new DomainRuleException("{0} is already a member of {1}; change their roles in the list of members.", email, organisation.Name);
            }
            if (membership is not null && membership.PersonId != person?.Id)
            {
                throw membership.PersonId is { } id && organisation.FindPerson(id) is { } p
                    ? new DomainRuleException("{0} is already invited to {1} as {2}; invite them again the same way, or ask them to accept the invitation first.", email, organisation.Name, p.Name)
                    : new DomainRuleException("{0} is already invited to {1} as none of its people; invite them again the same way, or ask them to accept the invitation first.", email, organisation.Name);
            }
            kind = hasPassword ? InvitationKind.ExistingLoginAdded : InvitationKind.InvitedAgain;
            // A login is locked only once it belongs to no organisation (RemoveMember); an invitation gives it one again.
            if (await users.IsLockedOutAsync(account))
            {
                Check(await users.SetLockoutEndDateAsync(account, null));
            }
        }

        // Roles are given in this organisation only; inviting again adds to those already given in it.
        if (membership is null)
        {
            membership = new Membership(account.Id, organisation.Id, person?.Id, command.Roles);
            db.Memberships.Add(membership);
        }
        else
        {
            membership.SetRoles(membership.Roles.Union(command.Roles));
        }
        var roles = membership.Roles.Count > 0 ? string.Join(", ", membership.Roles) : "none";
        await audit.RecordAsync(organisation.Id, AuditKind.InvitationSent, person is null
            ? $"Invited {email}, as none of the organisation's people, with the roles {roles}."
            : $"Invited {email} as {person.Name}, with the roles {roles}.", cancellationToken);
        await db.SaveChangesAsync(cancellationToken);

        DateTimeOffset? expires = null;
        var link = command.SignInAddress;
        if (kind != InvitationKind.ExistingLoginAdded)
        {
            expires = now + InvitationTokens.Lifetime;
            link = InvitationTokens.Link(command.AcceptAddress, account.Id, await InvitationTokens.IssueAsync(users, account, expires.Value));
        }

        var facts = new InvitationMail.Facts(
            person?.Name ?? account.DisplayName,
            email,
            organisation.Name,
            organisation.Committee.Name,
            await InviterAsync(),
            person?.Name,
            membership.Roles,
            link,
            expires,
            await TimeZoneOfAsync(organisation.Id, cancellationToken));
        return (kind, facts);
    }

    /// <summary>Who the mail says invited them: the administrator as the organisation knows them, else their login's name.</summary>
    private async Task<string> InviterAsync()
    {
        if (user.Actor is { } actor)
        {
            return actor.Name;
        }
        var inviter = user.UserId is { } id ? await users.FindByIdAsync(id) : null;
        return inviter?.DisplayName is { Length: > 0 } name ? name : "An administrator";
    }

    /// <summary>The organisation's own policy, else the instance's default: its time zone is the one the committee reads times in.</summary>
    private async Task<TimeZoneInfo> TimeZoneOfAsync(Guid organisationId, CancellationToken cancellationToken)
    {
        var spec = await db.RoutingPolicies.AsNoTracking()
            .Where(p => p.OrganisationId == organisationId || p.OrganisationId == null)
            .OrderBy(p => p.OrganisationId == null)
            .Select(p => p.Spec)
            .FirstOrDefaultAsync(cancellationToken);
        return spec is not null && TimeZoneInfo.TryFindSystemTimeZoneById(spec.TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;
    }

    /// <summary>Identity's refusals (an e-mail it will not take as a login name, say) as the committee's words.</summary>
    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new DomainRuleException([.. result.Errors.Select(e => new RuleViolation("", Phrase.Verbatim(e.Description)))]);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "An invitation to {Organisation} is stored, but its mail could not be sent; the administrator was told to invite again.")]
    private partial void LogMailFailed(Exception exception, string organisation);
}
