using CoGov.Domain.Common;
using CoGov.Domain.Organisations;
using CoGov.Workflows.Common;
using CoGov.Workflows.Organisations;
using CoGov.Workflows.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.AccessTokens;

/// <summary>A member revokes one of their own tokens: the next request with it is refused (401).</summary>
public sealed record RevokePersonalAccessToken(string OrganisationKey, Guid TokenId) : ICommand, IOrganisationRequest;

public sealed class RevokePersonalAccessTokenValidator : AbstractValidator<RevokePersonalAccessToken>
{
    public RevokePersonalAccessTokenValidator()
    {
        RuleFor(c => c.OrganisationKey).NotEmpty();
        RuleFor(c => c.TokenId).NotEmpty();
    }
}

public sealed class RevokePersonalAccessTokenHandler(CoGovDbContext db, UserContext user, OrganisationAudit audit) : ICommandHandler<RevokePersonalAccessToken>
{
    public async ValueTask<Unit> Handle(RevokePersonalAccessToken command, CancellationToken cancellationToken)
    {
        // Only the sender's own tokens in this organisation are looked at: nobody can name another member's token to
        // learn it exists or to stop it. A token may revoke itself (a program that knows it leaked), but no other.
        var token = await db.AccessTokens
            .Where(t => t.Id == command.TokenId && t.UserId == user.UserId
                && db.Organisations.Any(o => o.Id == t.OrganisationId && o.Key == command.OrganisationKey))
            .SingleOrDefaultAsync(cancellationToken);
        if (token is null || (user.Token is { } presented && presented.Id != token.Id))
        {
            throw new NotFoundException($"There is no token {command.TokenId} of yours in '{command.OrganisationKey}'.");
        }
        db.AccessTokens.Remove(token);
        await audit.RecordAsync(token.OrganisationId, AuditKind.AccessTokenRevoked,
            $"{await AccessTokenOwner.DescribeAsync(db, user, cancellationToken)} revoked the personal access token \"{token.Name}\".", cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
