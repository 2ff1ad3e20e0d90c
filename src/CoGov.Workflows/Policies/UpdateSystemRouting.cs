using CoGov.Domain.Common;
using CoGov.Workflows.Common;
using CoGov.Workflows.Persistence;
using CoGov.Workflows.Templates;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using CoGov.Workflows.Cycles;

namespace CoGov.Workflows.Policies;

/// <summary>
/// Records in the routing policy what the answers settled for one system: who its accountable manager is (question 8)
/// and how often it is reassessed (question 15). A chair of the joint committee records it, for the committee.
/// </summary>
public sealed record UpdateSystemRouting(string OrganisationKey, string SystemKey, string? AccountableManagerKey, int? ReassessmentIntervalMonths)
    : ICommand, IOrganisationRequest;

public sealed class UpdateSystemRoutingValidator : AbstractValidator<UpdateSystemRouting>
{
    public UpdateSystemRoutingValidator()
    {
        RuleFor(c => c.OrganisationKey).NotEmpty();
        RuleFor(c => c.SystemKey).NotEmpty();
        RuleFor(c => c).Must(c => c.AccountableManagerKey is not null || c.ReassessmentIntervalMonths is not null)
            .WithName("Change").WithPhrase("Say what changes: the accountable manager, the reassessment interval, or both.");
        RuleFor(c => c.ReassessmentIntervalMonths).InclusiveBetween(1, 60).When(c => c.ReassessmentIntervalMonths is not null)
            .WithPhrase("Reassess every 1 to 60 months.");
    }
}

public sealed class UpdateSystemRoutingHandler(CoGovDbContext db, UserContext user) : ICommandHandler<UpdateSystemRouting>
{
    public async ValueTask<Unit> Handle(UpdateSystemRouting command, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.Include(o => o.People).Include(o => o.Committee).ThenInclude(c => c.Seats)
            .SingleAsync(o => o.Key == command.OrganisationKey, cancellationToken);
        var actor = CycleInContext.ActorOf(organisation, user);
        if (!actor.IsCommitteeChair)
        {
            throw new DomainRuleException("Only a chair of the joint committee records what the committee settled about routing; {0} is not.", actor.Name);
        }
        var systems = await db.Systems.Where(s => s.OrganisationId == organisation.Id).ToListAsync(cancellationToken);
        if (systems.All(s => s.Key != command.SystemKey))
        {
            throw new NotFoundException($"{organisation.Name} has no system '{command.SystemKey}'.");
        }
        var templates = await db.Templates.AvailableTo(organisation.Id).Include(t => t.Themes).ToListAsync(cancellationToken);
        var policy = await db.RoutingPolicies.SingleAsync(p => p.OrganisationId == organisation.Id, cancellationToken);
        policy.Replace(organisation, systems, templates,
            policy.WithSystemRouting(command.SystemKey, command.AccountableManagerKey, command.ReassessmentIntervalMonths));
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
