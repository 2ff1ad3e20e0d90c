using System.Data;
using CoGov.Domain.Common;
using CoGov.Domain.Organisations;
using CoGov.Workflows.Common;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Members;
using CoGov.Workflows.Notifications;
using CoGov.Workflows.Persistence;
using CoGov.Workflows.Systems;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CoGov.Workflows.Organisations;

/// <summary>
/// Creates an organisation with nothing in it but its joint committee, the instance's default routing policy (deadlines,
/// reminders, calendar) and one administrator: one of its people, with a login that holds the Admin role there and the
/// role of their side (Steward for the workers', Manager for management's). Sent by the first-run setup page (as CoGov
/// itself, once it has checked the setup address's token), by an operator's page and by the command line. An operator
/// who names someone else as the administrator invites them, as an administrator invites a member: a new login gets a
/// link to choose its own password (the operator never knows it), an existing one a mail saying it now runs the
/// organisation.
/// </summary>
/// <param name="AdminPassword">
/// The new login's password. Empty when the address already has a login: that login becomes the administrator and
/// keeps its password.
/// </param>
/// <param name="OnlyIfFirst">
/// Create it only if CoGov has no organisation yet (the first-run setup): otherwise it is not found, as the setup
/// address is not, so two setups racing create one organisation between them.
/// </param>
/// <param name="AcceptAddress">The absolute address of the page that accepts an invitation, for an operator's invitation.</param>
/// <param name="SignInAddress">The absolute address an existing login invited by an operator is sent to.</param>
[RequiresOperator] // a new organisation belongs to no organisation's administrator yet
public sealed record CreateOrganisation(
    string Key,
    string Name,
    string? Language,
    string? Country,
    string? Sector,
    string CommitteeName,
    string AdminName,
    string AdminEmail,
    Side AdminSide,
    string? AdminTitle,
    string? AdminPassword,
    bool OnlyIfFirst = false,
    string? AcceptAddress = null,
    string? SignInAddress = null) : ICommand<CreatedOrganisation>
{
    /// <summary>The last segment of the operators' page for a new organisation: an organisation with it could never be reached.</summary>
    public const string ReservedKey = "new";
}

/// <param name="AdminUserId">The administrator's login, for the setup page to sign them in.</param>
/// <param name="Invitation">The invitation an operator sent someone else to run it (its mail has gone); null when no one was invited.</param>
public sealed record CreatedOrganisation(string Key, string AdminUserId, Invitation? Invitation = null);

public sealed class CreateOrganisationValidator : AbstractValidator<CreateOrganisation>
{
    public CreateOrganisationValidator()
    {
        RuleFor(c => c.Key).Must(Keys.IsValid)
            .WithPhrase("'{0}' is not a valid organisation key: use 1 to {1} lowercase letters, digits and single hyphens, such as 'staff-rostering'.", (_, key) => [key, Keys.MaxLength])
            .NotEqual(CreateOrganisation.ReservedKey).WithPhrase("'{0}' is kept for the address of the page that creates organisations; choose another key.", (_, key) => [key]);
        RuleFor(c => c.Name).NotEmpty().WithPhrase("The organisation name is empty.")
            .MaximumLength(200).WithPhrase("The organisation name is at most 200 characters.");
        RuleFor(c => c.Language).Matches("^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
            .WithPhrase("'{0}' is not a language code: use one such as en, fr or pt-BR.", (_, language) => [language])
            .When(c => !string.IsNullOrWhiteSpace(c.Language));
        RuleFor(c => c.Country).Matches("^[A-Za-z]{2}$")
            .WithPhrase("'{0}' is not a country code: use the two letters of ISO 3166, such as GB or FR.", (_, country) => [country])
            .When(c => !string.IsNullOrWhiteSpace(c.Country));
        RuleFor(c => c.Sector).MaximumLength(200).WithPhrase("The sector is at most 200 characters.");
        RuleFor(c => c.CommitteeName).NotEmpty().WithPhrase("The committee name is empty.")
            .MaximumLength(200).WithPhrase("The committee name is at most 200 characters.");
        RuleFor(c => c.AdminName).NotEmpty().WithPhrase("The administrator's name is empty.")
            .MaximumLength(200).WithPhrase("The administrator's name is at most 200 characters.");
        RuleFor(c => c.AdminEmail).NotEmpty().WithPhrase("Give the administrator's e-mail address: it is their login.");
        RuleFor(c => c.AdminEmail).Must(e => IsAddress(e.Trim())).WithPhrase("'{0}' is not an e-mail address.", (_, email) => [email])
            .MaximumLength(256).WithPhrase("An e-mail address is at most 256 characters.")
            .When(c => !string.IsNullOrWhiteSpace(c.AdminEmail));
        RuleFor(c => c.AdminSide).IsInEnum().WithPhrase("Choose the administrator's side: the workers' or management's.");
        RuleFor(c => c.AdminTitle).MaximumLength(200).WithPhrase("The title is at most 200 characters.");
        RuleFor(c => c.AcceptAddress).Must(IsWebAddress!).When(c => c.AcceptAddress is not null)
            .WithPhrase("The address of the page that accepts invitations must be an absolute web address.");
        RuleFor(c => c.SignInAddress).Must(IsWebAddress!).When(c => c.SignInAddress is not null)
            .WithPhrase("The address to sign in at must be an absolute web address.");
    }

    private static bool IsWebAddress(string address) =>
        Uri.TryCreate(address, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    /// <summary>The same loose check as an e-mail field's: something, one @, something, no spaces. The mail server judges the rest.</summary>
    private static bool IsAddress(string email) =>
        email.IndexOf('@', StringComparison.Ordinal) is var at && at > 0 && at == email.LastIndexOf('@') && at < email.Length - 1
        && !email.Any(char.IsWhiteSpace);
}

public sealed partial class CreateOrganisationHandler(
    CoGovDbContext db,
    UserManager<CoGovUser> users,
    UserContext user,
    OrganisationAudit audit,
    IMailTransport transport,
    IOptions<MailOptions> mailOptions,
    TimeProvider clock,
    ILogger<CreateOrganisationHandler> logger) : ICommandHandler<CreateOrganisation, CreatedOrganisation>
{
    public async ValueTask<CreatedOrganisation> Handle(CreateOrganisation command, CancellationToken cancellationToken)
    {
        // Identity saves as it goes (the login, then the rest): one transaction makes it all or nothing. Serializable,
        // so the check that no organisation exists yet and the insert cannot interleave with another setup's: SQLite
        // takes the write lock at BEGIN, SQL Server's range lock makes the loser a deadlock victim, whose retry then
        // finds the organisation. SQL Server's retrying strategy requires the transaction to run inside it.
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, token);
            var (created, invitation) = await CreateAsync(command, token);
            if (invitation is var (kind, facts))
            {
                await SendInvitationAsync(facts, token);
                created = created with { Invitation = new Invitation(facts.RecipientAddress, kind, null) };
            }
            await transaction.CommitAsync(token);
            return created;
        }, cancellationToken);
    }

    private async Task<(CreatedOrganisation, (InvitationKind, InvitationMail.Facts)?)> CreateAsync(CreateOrganisation command, CancellationToken cancellationToken)
    {
        if (command.OnlyIfFirst && await db.Organisations.AnyAsync(cancellationToken))
        {
            throw new NotFoundException("CoGov has an organisation already; the first-run setup is over.");
        }
        var key = command.Key.Trim();
        if (await db.Organisations.AnyAsync(o => o.Key == key, cancellationToken))
        {
            throw Rejected(nameof(CreateOrganisation.Key), new Phrase("Another organisation has the key '{0}'; choose another.", key));
        }
        var defaultPolicy = await db.RoutingPolicies.AsNoTracking().SingleOrDefaultAsync(p => p.OrganisationId == null, cancellationToken)
            ?? throw new DomainRuleException("There is no default routing policy to start the organisation from: start CoGov with Seed:Templates on, which imports seed/policy/default.yaml.");

        var organisation = new Organisation(key, command.Name, command.Sector, command.Country, command.Language ?? "", command.CommitteeName);
        var email = command.AdminEmail.Trim();
        var personKey = RegisterSystem.KeyFromName(command.AdminName) is { Length: > 0 } fromName ? fromName : "administrator";
        var person = organisation.AddPerson(personKey, command.AdminName, command.AdminSide, command.AdminTitle ?? "", email);
        db.Organisations.Add(organisation);
        // One instant for everything the organisation starts with, so its adoptions and its policy's first version agree.
        var createdAt = clock.GetUtcNow();
        await Templates.TemplateLibrary.AdoptLibraryAsync(db, organisation, createdAt, cancellationToken);
        db.RoutingPolicies.Add(defaultPolicy.CopyFor(organisation, new Domain.Policies.PolicyEdit(createdAt, "CoGov")));

        var login = await users.FindByEmailAsync(email);
        if (await InvitedBySenderAsync(email, cancellationToken) is { } inviter)
        {
            return await InviteAsync(command, organisation, person, email, login, inviter, defaultPolicy.Spec.TimeZone, cancellationToken);
        }
        if (login is null)
        {
            if (string.IsNullOrEmpty(command.AdminPassword))
            {
                throw Rejected(nameof(CreateOrganisation.AdminPassword), new Phrase("Choose a password for the administrator's new login."));
            }
            // Confirmed: whoever sends this holds the setup token, operates the instance, or runs its command line.
            login = new CoGovUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = command.AdminName.Trim() };
            var result = await users.CreateAsync(login, command.AdminPassword);
            if (!result.Succeeded)
            {
                var field = result.Errors.All(e => e.Code.StartsWith("Password", StringComparison.Ordinal))
                    ? nameof(CreateOrganisation.AdminPassword)
                    : nameof(CreateOrganisation.AdminEmail);
                throw new InputRejectedException(new Dictionary<string, Phrase[]>
                {
                    [field] = [.. result.Errors.Select(e => Phrase.Verbatim(e.Description))],
                });
            }
        }
        else if (!string.IsNullOrEmpty(command.AdminPassword))
        {
            // Never replace or ignore it silently: the person would think they had set it.
            throw Rejected(nameof(CreateOrganisation.AdminPassword), new Phrase("{0} already has a login; leave the password empty and they sign in with their own.", email));
        }

        db.Memberships.Add(new Membership(login.Id, organisation.Id, person.Id, AdministratorRoles(command)));
        await RecordCreatedAsync(organisation, email, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return (new CreatedOrganisation(organisation.Key, login.Id), null);
    }

    /// <summary>
    /// Sends an operator's invitation before the organisation is committed, unlike a member's (decision record 15): an
    /// organisation whose only administrator never got their link would have nobody to invite them again, so a mail
    /// that cannot go leaves nothing behind and the operator tries again.
    /// </summary>
    private async Task SendInvitationAsync(InvitationMail.Facts facts, CancellationToken cancellationToken)
    {
        if (await InvitationMail.TrySendAsync(transport, mailOptions.Value, clock.GetUtcNow(), facts, cancellationToken) is { } problem)
        {
            LogMailFailed(problem, facts.OrganisationName);
            throw Rejected(nameof(CreateOrganisation.AdminEmail),
                new Phrase("The mail inviting {0} could not be sent ({1}), so nothing is created; try again once mail works.", facts.RecipientAddress, problem.Message));
        }
    }

    private static string[] AdministratorRoles(CreateOrganisation command) =>
        [Roles.Admin, command.AdminSide == Side.Workers ? Roles.Steward : Roles.Manager];

    private Task RecordCreatedAsync(Organisation organisation, string email, CancellationToken cancellationToken) =>
        audit.RecordAsync(organisation.Id, AuditKind.OrganisationCreated,
            $"Created the organisation {organisation.Name} ({organisation.Key}), with {email} as its administrator.", cancellationToken);

    /// <summary>
    /// The operator's name when a signed-in operator names someone else as the administrator, who must then be invited;
    /// null when CoGov itself sends (the setup page, the command line) or the operator names their own address.
    /// </summary>
    private async Task<string?> InvitedBySenderAsync(string email, CancellationToken cancellationToken)
    {
        if (user.IsSystem || user.UserId is null)
        {
            return null;
        }
        var sender = await db.Users.AsNoTracking().Where(u => u.Id == user.UserId)
            .Select(u => new { u.Email, u.DisplayName }).SingleAsync(cancellationToken);
        if (string.Equals(sender.Email?.Trim(), email, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        return sender.DisplayName is { Length: > 0 } name ? name : sender.Email ?? "An operator";
    }

    /// <summary>
    /// Makes the administrator a member as an administrator's invitation would (<see cref="InviteMember"/>): a new login
    /// without a password, unconfirmed until the link is used; an existing one keeps its password and is told.
    /// </summary>
    private async Task<(CreatedOrganisation, (InvitationKind, InvitationMail.Facts)?)> InviteAsync(
        CreateOrganisation command, Organisation organisation, Person person, string email, CoGovUser? login, string inviter,
        string timeZone, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(command.AdminPassword))
        {
            // An operator never chooses someone else's password: it would pass through more hands than theirs.
            throw Rejected(nameof(CreateOrganisation.AdminPassword), new Phrase("{0} chooses their own password through the invitation CoGov sends them; leave the password empty.", email));
        }
        if (command.AcceptAddress is null || command.SignInAddress is null)
        {
            throw new InvalidOperationException("An operator's page gives the addresses an invitation links to.");
        }
        InvitationKind kind;
        if (login is null)
        {
            login = new CoGovUser { UserName = email, Email = email, EmailConfirmed = false, DisplayName = person.Name };
            Check(await users.CreateAsync(login));
            kind = InvitationKind.NewLogin;
        }
        else
        {
            kind = await users.HasPasswordAsync(login) ? InvitationKind.ExistingLoginAdded : InvitationKind.InvitedAgain;
            // A login is locked only once it belongs to no organisation (RemoveMember); this gives it one again.
            if (await users.IsLockedOutAsync(login))
            {
                Check(await users.SetLockoutEndDateAsync(login, null));
            }
        }
        var membership = new Membership(login.Id, organisation.Id, person.Id, AdministratorRoles(command));
        db.Memberships.Add(membership);
        await RecordCreatedAsync(organisation, email, cancellationToken);
        await audit.RecordAsync(organisation.Id, AuditKind.InvitationSent,
            $"Invited {email} as {person.Name}, with the roles {string.Join(", ", membership.Roles)}.", cancellationToken);
        await db.SaveChangesAsync(cancellationToken);

        DateTimeOffset? expires = null;
        var link = command.SignInAddress;
        if (kind != InvitationKind.ExistingLoginAdded)
        {
            expires = clock.GetUtcNow() + InvitationTokens.Lifetime;
            link = InvitationTokens.Link(command.AcceptAddress, login.Id, await InvitationTokens.IssueAsync(users, login, expires.Value));
        }
        var facts = new InvitationMail.Facts(
            person.Name, email, organisation.Name, organisation.Committee.Name, inviter, person.Name, membership.Roles, link, expires,
            TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone) ? zone : TimeZoneInfo.Utc);
        return (new CreatedOrganisation(organisation.Key, login.Id), (kind, facts));
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InputRejectedException(new Dictionary<string, Phrase[]>
            {
                [nameof(CreateOrganisation.AdminEmail)] = [.. result.Errors.Select(e => Phrase.Verbatim(e.Description))],
            });
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The mail inviting the administrator of {Organisation} could not be sent, so it was not created; the operator was told to try again.")]
    private partial void LogMailFailed(Exception exception, string organisation);

    private static InputRejectedException Rejected(string field, Phrase phrase) =>
        new(new Dictionary<string, Phrase[]> { [field] = [phrase] });
}
