using CoGov.Domain.Common;
using CoGov.Domain.Organisations;
using CoGov.Workflows.Common;
using CoGov.Workflows.Organisations;
using CoGov.Workflows.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.AccessTokens;

/// <summary>
/// A member makes a personal access token for the API in one of their organisations. Answers the secret: it is shown
/// this once and never stored. Any member may: a token gives no more than their membership does.
/// </summary>
public sealed record CreatePersonalAccessToken(string OrganisationKey, string Name, TokenAccess Access, int ValidForDays)
    : ICommand<CreatedAccessToken>, IOrganisationRequest;

public sealed record CreatedAccessToken(Guid Id, string Secret, DateTimeOffset ExpiresAt);

public sealed class CreatePersonalAccessTokenValidator : AbstractValidator<CreatePersonalAccessToken>
{
    public CreatePersonalAccessTokenValidator()
    {
        RuleFor(c => c.OrganisationKey).NotEmpty();
        RuleFor(c => c.Name).NotEmpty().WithPhrase("Give the token a name, so you know later what it is for.");
        RuleFor(c => c.Name).MaximumLength(100).WithPhrase("A token's name is at most 100 characters.");
        RuleFor(c => c.Access).IsInEnum().WithPhrase("Choose whether the token may only read or may also change things.");
        RuleFor(c => c.ValidForDays).InclusiveBetween(1, PersonalAccessToken.MaximumDays)
            .WithPhrase("A token is valid for 1 to {0} days.", (_, _) => [PersonalAccessToken.MaximumDays]);
    }
}

public sealed class CreatePersonalAccessTokenHandler(CoGovDbContext db, UserContext user, OrganisationAudit audit, TimeProvider clock)
    : ICommandHandler<CreatePersonalAccessToken, CreatedAccessToken>
{
    public async ValueTask<CreatedAccessToken> Handle(CreatePersonalAccessToken command, CancellationToken cancellationToken)
    {
        if (user.Token is not null)
        {
            // A leaked token must not be able to mint fresh ones that outlive its revocation.
            throw new DomainRuleException("A personal access token cannot make another; make it in your account pages.");
        }
        var membership = await db.Memberships.SingleAsync(
            m => m.UserId == user.UserId && db.Organisations.Any(o => o.Id == m.OrganisationId && o.Key == command.OrganisationKey), cancellationToken);
        var now = clock.GetUtcNow();
        var (token, secret) = PersonalAccessToken.Issue(
            membership.OrganisationId, membership.Id, membership.UserId, command.Name.Trim(), command.Access, now, now.AddDays(command.ValidForDays));
        db.AccessTokens.Add(token);
        await audit.RecordAsync(membership.OrganisationId, AuditKind.AccessTokenCreated,
            $"{await AccessTokenOwner.DescribeAsync(db, user, cancellationToken)} made a {Describe(command.Access)} personal access token \"{token.Name}\", valid until {token.ExpiresAt:yyyy-MM-dd HH:mm} UTC.",
            cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedAccessToken(token.Id, secret, token.ExpiresAt);
    }

    private static string Describe(TokenAccess access) => access == TokenAccess.ReadWrite ? "read-write" : "read-only";
}

/// <summary>Who a token belongs to, as the audit log names them: the person they are, or the login's address for an administrator who is none.</summary>
internal static class AccessTokenOwner
{
    public static async Task<string> DescribeAsync(CoGovDbContext db, UserContext user, CancellationToken cancellationToken) =>
        user.Actor?.Name
        ?? await db.Users.Where(u => u.Id == user.UserId).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken)
        ?? "A member";
}
