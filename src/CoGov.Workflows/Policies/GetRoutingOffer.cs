using System.Reflection;
using CoGov.Domain.Assessments;
using CoGov.Workflows.Common;
using CoGov.Workflows.Cycles;
using CoGov.Workflows.Organisations;
using CoGov.Workflows.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Policies;

/// <summary>
/// Whether a question's page offers to update its system's routing: once the answer to "Which managers are accountable
/// and responsible for these systems?" is accepted, and only to someone who may change that routing.
/// </summary>
public sealed record GetRoutingOffer(string OrganisationKey, string SystemKey, int Cycle, int Number) : IQuery<RoutingOffer>, IOrganisationRequest;

public sealed record RoutingOffer(bool Offered);

public sealed class GetRoutingOfferHandler(CoGovDbContext db, UserContext user) : IQueryHandler<GetRoutingOffer, RoutingOffer>
{
    // Whoever may send the change may be offered it: the one list of roles is the command's own.
    private static readonly IReadOnlyList<string> MayChange = typeof(ChangeSystemRouting).GetCustomAttribute<RequiresRoleAttribute>()!.Roles;

    public async ValueTask<RoutingOffer> Handle(GetRoutingOffer query, CancellationToken cancellationToken)
    {
        if (!MayChange.Any(user.IsInRole))
        {
            return new RoutingOffer(false);
        }
        var organisation = await db.ReadOrganisationAsync(query.OrganisationKey, cancellationToken);
        var (_, assessment) = await db.ReadCycleAsync(organisation, query.SystemKey, query.Cycle, cycles => cycles.Include(a => a.Questions), cancellationToken);
        var item = assessment.Questions.SingleOrDefault(q => q.Number == query.Number);
        return new RoutingOffer(item is { State: QuestionState.Accepted } && AccountableManagersQuestion.Is(assessment.TemplateKey, item.ThemeKey, item.Number));
    }
}

/// <summary>
/// The question whose accepted answer names a system's accountable managers (question 8 of PSI's guide). Known by its
/// template, theme and number until questions carry stable keys; then this is the one test to change, to the bundled
/// key <c>accountable-managers</c>.
/// </summary>
internal static class AccountableManagersQuestion
{
    public static bool Is(string templateKey, string themeKey, int number) =>
        templateKey == "psi-co-governance" && themeKey == "responsibility" && number == 8;
}
