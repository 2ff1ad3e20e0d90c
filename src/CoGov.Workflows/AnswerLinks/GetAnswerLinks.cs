using CoGov.Workflows.Common;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Organisations;
using CoGov.Workflows.Persistence;
using CoGov.Workflows.Questions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.AnswerLinks;

/// <summary>
/// The answer links issued for one question, newest first, for those who may revoke them: to whom, when issued, until
/// when they work, when last used and whether revoked. Times in the organisation's time zone.
/// </summary>
[RequiresRole(Roles.Steward, Roles.Admin)]
public sealed record GetAnswerLinks(string OrganisationKey, string SystemKey, int Cycle, int Number) : IQuery<IReadOnlyList<AnswerLinkRow>>, IQuestionRequest;

/// <param name="Standing">What the link is worth now: <see cref="AnswerLinkStanding.Valid"/>, revoked, expired or moved.</param>
public sealed record AnswerLinkRow(
    Guid Id, string PersonName, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt, string? RevokedBy, AnswerLinkStanding Standing)
{
    public bool CanBeRevoked => Standing == AnswerLinkStanding.Valid;
}

public sealed class GetAnswerLinksHandler(CoGovDbContext db, TimeProvider clock) : IQueryHandler<GetAnswerLinks, IReadOnlyList<AnswerLinkRow>>
{
    public async ValueTask<IReadOnlyList<AnswerLinkRow>> Handle(GetAnswerLinks query, CancellationToken cancellationToken)
    {
        var organisation = await db.ReadOrganisationAsync(query.OrganisationKey, cancellationToken);
        var assessmentId = await AnswerLinkQuestions.AssessmentIdAsync(db, organisation.Id, query, cancellationToken);
        var place = await AnswerLinkGate.PlaceAsync(db, assessmentId, query.Number, cancellationToken);
        var rules = await AnswerLinkGate.RulesAsync(db, organisation.Id, cancellationToken);
        var policy = await db.RoutingPolicies.AsNoTracking().Where(p => p.OrganisationId == organisation.Id).Select(p => p.Spec.TimeZone).SingleOrDefaultAsync(cancellationToken);
        var zone = policy is not null && TimeZoneInfo.TryFindSystemTimeZoneById(policy, out var found) ? found : TimeZoneInfo.Utc;
        DateTimeOffset Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, zone);
        var now = clock.GetUtcNow();

        var links = await db.AnswerLinks.AsNoTracking()
            .Where(l => l.AssessmentId == assessmentId && l.QuestionNumber == query.Number)
            .ToListAsync(cancellationToken);
        return [.. links
            .OrderByDescending(l => l.IssuedAt)
            .Select(l =>
            {
                var expires = AnswerLinkGate.ExpiryOf(l, place?.Deadline, rules);
                var standing = l.IsRevoked ? AnswerLinkStanding.Revoked
                    : place is null || (place.AssigneeId != l.PersonId && place.DelegateId != l.PersonId) ? AnswerLinkStanding.Moved
                    : now >= expires ? AnswerLinkStanding.Expired
                    : AnswerLinkStanding.Valid;
                return new AnswerLinkRow(l.Id, organisation.FindPerson(l.PersonId)?.Name ?? "", Local(l.IssuedAt), Local(expires),
                    l.LastUsedAt is { } used ? Local(used) : null, l.RevokedAt is { } revoked ? Local(revoked) : null, l.RevokedBy, standing);
            })];
    }
}

/// <summary>Finds the cycle a request about one question names, within the organisation.</summary>
internal static class AnswerLinkQuestions
{
    public static async Task<Guid> AssessmentIdAsync(CoGovDbContext db, Guid organisationId, IQuestionRequest request, CancellationToken cancellationToken) =>
        await (from s in db.Systems
               where s.OrganisationId == organisationId && s.Key == request.SystemKey
               join a in db.Assessments on s.Id equals a.SystemId
               where a.Cycle == request.Cycle
               select (Guid?)a.Id).SingleOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException($"There is no cycle {request.Cycle} of a system '{request.SystemKey}'.");
}
