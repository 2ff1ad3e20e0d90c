using System.Reflection;
using CoGov.Domain.Organisations;
using CoGov.Workflows.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CoGov.Workflows.Common.Behaviours;

/// <summary>
/// Who may send what, decided once for every caller (pages, endpoints, jobs): the sender must be signed in; a request
/// about an organisation needs a membership of it, and a required role held in that membership; a request about the
/// instance needs an operator. A personal access token narrows that to its own organisation, and to queries when
/// read-only (decision record 25). The one other way in is a verified answer link, which covers only the requests marked
/// answerable through a link, about its own question, acting as its own person (decision record 21).
/// </summary>
public sealed class AuthorisationBehaviour<TMessage, TResponse>(UserContext user, CoGovDbContext db, IOptions<OperatorOptions> operators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    private static readonly RequiresRoleAttribute? RequiredRole = typeof(TMessage).GetCustomAttribute<RequiresRoleAttribute>();
    private static readonly bool RequiresOperator = typeof(TMessage).IsDefined(typeof(RequiresOperatorAttribute));

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (user.AnswerLink is { } link)
        {
            // Not found rather than forbidden: a link's bearer learns nothing of what else the organisation holds.
            if (!link.Covers(message))
            {
                throw new NotFoundException($"An answer link covers only its own question, and {typeof(TMessage).Name} is not among what it may send.");
            }
            user.ActAs(link.OrganisationKey, link.Actor, AnswerLinks.AnswerLinkGrant.Roles);
            if (RequiredRole is not null && !RequiredRole.Roles.Any(user.IsInRole))
            {
                throw new ForbiddenException($"This needs the {string.Join(" or ", RequiredRole.Roles)} role, which an answer link does not give.");
            }
        }
        else if (!user.IsSystem)
        {
            if (!user.IsAuthenticated || user.UserId is null)
            {
                throw new ForbiddenException("Sign in first.");
            }
            if (user.Token is { } token)
            {
                // A token is for one organisation's requests: another organisation's reads as not there, as for a
                // member of another; anything about no organisation (the instance, the login's own account) is refused.
                if (message is not IOrganisationRequest forToken)
                {
                    throw new ForbiddenException($"A personal access token is for its organisation's requests only, and {typeof(TMessage).Name} concerns none.");
                }
                if (!string.Equals(forToken.OrganisationKey, token.OrganisationKey, StringComparison.Ordinal))
                {
                    throw new NotFoundException($"There is no organisation '{forToken.OrganisationKey}' this token is for.");
                }
                if (token.Access == AccessTokens.TokenAccess.ReadOnly && message is not IBaseQuery)
                {
                    throw new ForbiddenException("This personal access token may only read, and this request changes something.");
                }
            }
            if (RequiresOperator && !operators.Value.Includes(await OperatorQuery.ConfirmedEmail(db, user.UserId, cancellationToken)))
            {
                throw new ForbiddenException("Only an operator of this CoGov instance may do this.");
            }
            if (message is IOrganisationRequest scoped)
            {
                // One query answers every question: is the user a member, with which roles there, and who are they in
                // the organisation (their side and committee seat, which is all the model needs to decide who may do what).
                // Membership comes first, so a role held elsewhere never turns a 404 into a 403.
                var membership = await MembershipQuery.Find(db, user.UserId, scoped.OrganisationKey, cancellationToken)
                    ?? throw new NotFoundException($"There is no organisation '{scoped.OrganisationKey}' among yours.");
                user.ActAs(
                    scoped.OrganisationKey,
                    membership.PersonId is { } personId
                        ? new Actor(personId, membership.Name!, membership.OrganisationId, membership.Side!.Value, membership.Role) { Login = user.UserId }
                        : null,
                    membership.Roles);
            }
            if (RequiredRole is not null && !RequiredRole.Roles.Any(user.IsInRole))
            {
                // Outside a request about an organisation the user holds no role, so a misplaced attribute refuses rather than allows.
                throw new ForbiddenException($"This needs the {string.Join(" or ", RequiredRole.Roles)} role in this organisation.");
            }
        }
        return await next(message, cancellationToken);
    }
}

/// <summary>A user's membership of an organisation, their roles there and who they are in it.</summary>
internal sealed record MembershipRow(Guid OrganisationId, IReadOnlyList<string> Roles, Guid? PersonId, string? Name, Side? Side, CommitteeRole? Role);

/// <summary>
/// The membership query every request about an organisation runs before anything else, compiled once: outside the
/// generic behaviour, so one compiled query serves every request type.
/// </summary>
internal static class MembershipQuery
{
    public static readonly Func<CoGovDbContext, string, string, CancellationToken, Task<MembershipRow?>> Find =
        EF.CompileAsyncQuery((CoGovDbContext db, string userId, string organisationKey, CancellationToken cancellationToken) => (
                from m in db.Memberships
                join o in db.Organisations on m.OrganisationId equals o.Id
                where m.UserId == userId && o.Key == organisationKey
                join p in db.People on m.PersonId equals p.Id into people
                from person in people.DefaultIfEmpty()
                select new MembershipRow(
                    o.Id,
                    m.Roles,
                    (Guid?)person.Id,
                    person.Name,
                    (Side?)person.Side,
                    db.Set<CommitteeSeat>().Where(s => s.PersonId == person.Id).Select(s => (CommitteeRole?)s.Role).FirstOrDefault()))
            .SingleOrDefault());
}

/// <summary>The address an operator is recognised by: only one its owner has proved, or anyone could claim it by invitation.</summary>
internal static class OperatorQuery
{
    public static readonly Func<CoGovDbContext, string, CancellationToken, Task<string?>> ConfirmedEmail =
        EF.CompileAsyncQuery((CoGovDbContext db, string userId, CancellationToken cancellationToken) =>
            db.Users.Where(u => u.Id == userId && u.EmailConfirmed).Select(u => u.Email).SingleOrDefault());
}
