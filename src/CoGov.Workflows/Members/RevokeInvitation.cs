using CoGov.Domain.Organisations;
using CoGov.Domain.Common;
using CoGov.Workflows.Common;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Organisations;
using CoGov.Workflows.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;

namespace CoGov.Workflows.Members;

/// <summary>
/// An administrator takes back an invitation not yet accepted: the membership it gave goes, so its link no longer
/// brings anyone into the organisation. When the login was invited nowhere else, its secret is forgotten too and the
/// link answers as unknown; an invitation another organisation sent the same address stands, as that organisation's.
/// No column records the revocation: the membership and the secret were the invitation.
/// </summary>
[RequiresRole(Roles.Admin)]
public sealed record RevokeInvitation(string OrganisationKey, string UserId) : ICommand<string>, IOrganisationRequest;

public sealed class RevokeInvitationValidator : AbstractValidator<RevokeInvitation>
{
    public RevokeInvitationValidator()
    {
        RuleFor(c => c.OrganisationKey).NotEmpty();
        RuleFor(c => c.UserId).NotEmpty();
    }
}

/// <returns>The address the invitation had gone to.</returns>
public sealed class RevokeInvitationHandler(CoGovDbContext db, UserManager<CoGovUser> users, OrganisationAudit audit) : ICommandHandler<RevokeInvitation, string>
{
    public async ValueTask<string> Handle(RevokeInvitation command, CancellationToken cancellationToken) =>
        await Leaving.InOneTransactionAsync(db, async token =>
        {
            var (membership, account) = await Leaving.FindAsync(db, users, command.OrganisationKey, command.UserId, token);
            var email = account.Email ?? account.UserName ?? account.Id;
            if (await users.HasPasswordAsync(account))
            {
                throw new DomainRuleException("{0} has already accepted their invitation; remove them from the organisation instead.", email);
            }
            // An invited administrator who never accepted is not counted as one, so revoking never leaves fewer.
            await audit.RecordAsync(membership.OrganisationId, AuditKind.InvitationRevoked, $"Revoked the invitation to {email}.", token);
            await Leaving.EndAsync(db, users, membership, account, token);
            return email;
        }, cancellationToken);
}
