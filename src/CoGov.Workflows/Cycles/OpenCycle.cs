using CoGov.Domain.Assessments;
using CoGov.Domain.Common;
using CoGov.Workflows.Common;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Persistence;
using CoGov.Workflows.Templates;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Cycles;

/// <summary>
/// The workers' side opens the next assessment cycle of a system with a questionnaire, on the version the organisation
/// has adopted (<see cref="TemplateLibrary"/>). When the system's previous cycle was signed off, its accepted answers are
/// carried over for confirmation, question by question key.
/// </summary>
/// <param name="AccountableManagerKey">Who signs the cycle off for management; by default the policy's manager for the system.</param>
/// <param name="DueInDays">Calendar days until the whole cycle is due; by default the policy's cycle length.</param>
[RequiresRole(Roles.Steward)]
public sealed record OpenCycle(string OrganisationKey, string SystemKey, string TemplateKey, string? AccountableManagerKey = null, int? DueInDays = null)
    : ICommand<int>, IOrganisationRequest;

public sealed class OpenCycleValidator : AbstractValidator<OpenCycle>
{
    public OpenCycleValidator()
    {
        RuleFor(c => c.OrganisationKey).NotEmpty();
        RuleFor(c => c.SystemKey).NotEmpty();
        RuleFor(c => c.TemplateKey).NotEmpty().WithPhrase("Choose the questionnaire.");
        RuleFor(c => c.DueInDays).InclusiveBetween(7, 730).When(c => c.DueInDays is not null)
            .WithPhrase("A cycle runs between 7 and 730 days.");
    }
}

public sealed class OpenCycleHandler(CoGovDbContext db, UserContext user, TimeProvider clock) : ICommandHandler<OpenCycle, int>
{
    public async ValueTask<int> Handle(OpenCycle command, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.Include(o => o.People).Include(o => o.Committee).ThenInclude(c => c.Seats)
            .SingleAsync(o => o.Key == command.OrganisationKey, cancellationToken);
        var actor = CycleInContext.ActorOf(organisation, user);
        Assessment.EnsureMayOpen(actor);
        var system = await db.Systems.SingleOrDefaultAsync(s => s.OrganisationId == organisation.Id && s.Key == command.SystemKey, cancellationToken)
            ?? throw new NotFoundException($"{organisation.Name} has no system '{command.SystemKey}'.");
        var template = await db.AdoptedTemplateAsync(organisation.Id, command.TemplateKey, cancellationToken);
        if (template is null)
        {
            // A questionnaire the organisation cannot see answers as if it did not exist; one it sees but uses no version of is refused.
            throw await db.Templates.AvailableTo(organisation.Id).AnyAsync(t => t.Key == command.TemplateKey, cancellationToken)
                ? (Exception)new DomainRuleException("{0} uses no version of the questionnaire '{1}' yet: an administrator adopts one on the questionnaires page first.", organisation.Name, command.TemplateKey)
                : new NotFoundException($"{organisation.Name} has no questionnaire '{command.TemplateKey}'.");
        }
        var policy = await db.RoutingPolicies.SingleAsync(p => p.OrganisationId == organisation.Id, cancellationToken);
        var managerKey = command.AccountableManagerKey ?? policy.AccountableManagerFor(system.Key)
            ?? throw new DomainRuleException("Name the accountable manager who will sign this cycle off: the routing policy names none for {0}.", system.Name);
        var manager = organisation.FindPerson(managerKey)
            ?? throw new InputRejectedException(new Dictionary<string, Phrase[]>
            {
                [nameof(command.AccountableManagerKey)] = [new Phrase("{0} has no person '{1}'.", organisation.Name, managerKey)],
            });

        var now = clock.GetUtcNow();
        var due = now.AddDays(command.DueInDays ?? policy.Spec.CycleLengthDays);
        var previous = await db.Assessments.Include(a => a.Questions).Include(a => a.SignOffs)
            .Where(a => a.SystemId == system.Id).OrderByDescending(a => a.Cycle).FirstOrDefaultAsync(cancellationToken);
        Assessment assessment;
        if (previous is null)
        {
            assessment = Assessment.Open(organisation, system, template, 1, manager, now, due, actor);
        }
        else if (!previous.IsReadOnly)
        {
            throw new DomainRuleException("Cycle {0} of {1} is still open; the next one opens once both sides have signed it off.", previous.Cycle, system.Name);
        }
        else
        {
            assessment = Assessment.OpenNext(organisation, system, template, previous, manager, now, due, actor);
        }
        db.Assessments.Add(assessment);
        system.ReassessmentOpened();
        await db.SaveChangesAsync(cancellationToken);
        return assessment.Cycle;
    }
}
