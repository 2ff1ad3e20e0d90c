using CoGov.Domain.Organisations;
using CoGov.Domain.Common;
using CoGov.Workflows.Common;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Organisations;
using CoGov.Workflows.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Members;

/// <summary>
/// An administrator removes a member from the organisation: their membership of it goes, and with it every page, query
/// and command of the organisation from their next request. The person they were stays in every log and record, and
/// questions routed to that person show on the chase board as needing reassignment. With <paramref name="LockLogin"/>,
/// a login that then belongs to no organisation is also locked out of signing in; one that still belongs to another
/// organisation is not locked, since this organisation's administrator has no say over another's members.
/// </summary>
[RequiresRole(Roles.Admin)]
public sealed record RemoveMember(string OrganisationKey, string UserId, bool LockLogin = false) : ICommand<MemberRemoved>, IOrganisationRequest;

/// <param name="Email">The removed login's address, to say whom the removal was of.</param>
/// <param name="LoginLocked">The login is now locked and signed out everywhere.</param>
/// <param name="BelongsElsewhere">
/// The login still belongs to another organisation, so it was not locked and keeps its sign-in there. Says only that
/// there is one, never which.
/// </param>
public sealed record MemberRemoved(string Email, bool LoginLocked, bool BelongsElsewhere);

public sealed class RemoveMemberValidator : AbstractValidator<RemoveMember>
{
    public RemoveMemberValidator()
    {
        RuleFor(c => c.OrganisationKey).NotEmpty();
        RuleFor(c => c.UserId).NotEmpty();
    }
}

public sealed class RemoveMemberHandler(CoGovDbContext db, UserManager<CoGovUser> users, OrganisationAudit audit, TimeProvider clock) : ICommandHandler<RemoveMember, MemberRemoved>
{
    public async ValueTask<MemberRemoved> Handle(RemoveMember command, CancellationToken cancellationToken) =>
        await Leaving.InOneTransactionAsync(db, async token =>
        {
            var (membership, account) = await Leaving.FindAsync(db, users, command.OrganisationKey, command.UserId, token);
            await Leaving.RefuseLeavingNoAdministratorAsync(db, membership, clock.GetUtcNow(), token);
            var email = account.Email ?? account.UserName ?? account.Id;
            await audit.RecordAsync(membership.OrganisationId, AuditKind.MemberRemoved, $"Removed {email} from the organisation.", token);
            var belongsElsewhere = await Leaving.EndAsync(db, users, membership, account, token);
            var locked = false;
            if (command.LockLogin && !belongsElsewhere)
            {
                // Saved with the lock by Identity's own save, in this transaction.
                await audit.RecordAsync(membership.OrganisationId, AuditKind.LoginLocked, $"Locked the login {email}, which belongs to no other organisation.", token);
                Leaving.Check(await users.SetLockoutEnabledAsync(account, true));
                Leaving.Check(await users.SetLockoutEndDateAsync(account, DateTimeOffset.MaxValue));
                locked = true;
            }
            return new MemberRemoved(email, locked, belongsElsewhere);
        }, cancellationToken);
}

/// <summary>What removing a member and revoking an invitation share: finding the membership, the last-administrator rule, and ending it.</summary>
internal static class Leaving
{
    /// <summary>
    /// Identity saves as it goes (the login's stamp, its lockout, its invitation secret); one transaction makes the removal
    /// all or nothing. SQL Server's retrying strategy requires a transaction to run inside it, and a retry starts afresh.
    /// </summary>
    public static Task<T> InOneTransactionAsync<T>(CoGovDbContext db, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            var result = await work(token);
            await transaction.CommitAsync(token);
            return result;
        }, cancellationToken);

    public static async Task<(Membership Membership, CoGovUser Account)> FindAsync(
        CoGovDbContext db, UserManager<CoGovUser> users, string organisationKey, string userId, CancellationToken cancellationToken)
    {
        var membership = await (
                from m in db.Memberships
                join o in db.Organisations on m.OrganisationId equals o.Id
                where m.UserId == userId && o.Key == organisationKey
                select m)
            .SingleOrDefaultAsync(cancellationToken)
            // Someone else's login is as unknown here as one that does not exist.
            ?? throw new NotFoundException($"There is no member '{userId}' of '{organisationKey}'.");
        var account = await users.FindByIdAsync(userId)
            ?? throw new NotFoundException($"There is no member '{userId}' of '{organisationKey}'.");
        return (membership, account);
    }

    /// <summary>
    /// Refuses to remove the organisation's last administrator who can act: one who has accepted their invitation and is
    /// not locked out. An invited administrator who never accepted does not count, or an organisation could be left to a
    /// mail nobody answers.
    /// </summary>
    public static async Task RefuseLeavingNoAdministratorAsync(CoGovDbContext db, Membership leaving, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!leaving.Holds(Roles.Admin))
        {
            return;
        }
        // Roles are a JSON column, so which memberships hold Admin is asked of the loaded rows; an organisation has few.
        var others = await (
                from m in db.Memberships
                where m.OrganisationId == leaving.OrganisationId && m.UserId != leaving.UserId
                join u in db.Users on m.UserId equals u.Id
                where u.EmailConfirmed
                select new { Membership = m, u.LockoutEnd })
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        if (others.Any(o => o.Membership.Holds(Roles.Admin) && !(o.LockoutEnd > now)))
        {
            return;
        }
        var organisation = await db.Organisations.Where(o => o.Id == leaving.OrganisationId).Select(o => o.Name).SingleAsync(cancellationToken);
        throw new DomainRuleException("The organisation {0} would be left with no administrator. Make another member an administrator first.", organisation);
    }

    /// <summary>
    /// Deletes the membership. A login left with no organisation loses any invitation it had not accepted and is signed
    /// out everywhere at its next request (its security stamp changes); one that still belongs elsewhere keeps both, so
    /// this organisation's administrator never ends another organisation's invitation or sessions.
    /// </summary>
    /// <returns>Whether the login still belongs to another organisation.</returns>
    public static async Task<bool> EndAsync(CoGovDbContext db, UserManager<CoGovUser> users, Membership membership, CoGovUser account, CancellationToken cancellationToken)
    {
        db.Memberships.Remove(membership);
        await db.SaveChangesAsync(cancellationToken);
        var belongsElsewhere = await db.Memberships.AnyAsync(m => m.UserId == account.Id, cancellationToken);
        if (!belongsElsewhere)
        {
            await InvitationTokens.RevokeAsync(users, account);
            Check(await users.UpdateSecurityStampAsync(account));
        }
        return belongsElsewhere;
    }

    public static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"The login could not be changed: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }
}
