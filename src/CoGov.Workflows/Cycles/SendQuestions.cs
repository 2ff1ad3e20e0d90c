using CoGov.Domain.Common;
using CoGov.Workflows.Common;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Persistence;
using FluentValidation;
using Mediator;

namespace CoGov.Workflows.Cycles;

/// <summary>
/// The workers' side sends questions of a cycle to named accountable managers. Each goes where the routing policy says
/// unless the steward chose someone else for it, with the policy's deadline in working days unless they chose another.
/// </summary>
/// <param name="Questions">
/// The questions to send and any choices made for them; null sends every draft (<see cref="EveryDraft"/>). An empty list
/// is refused: a form with nothing ticked must never send everything.
/// </param>
[RequiresRole(Roles.Steward)]
public sealed record SendQuestions(string OrganisationKey, string SystemKey, int Cycle, IReadOnlyList<QuestionRouting>? Questions) : ICommand, ICycleRequest
{
    /// <summary>Sends every draft of the cycle where the routing policy says, with the policy's deadlines.</summary>
    public static SendQuestions EveryDraft(string organisationKey, string systemKey, int cycle) => new(organisationKey, systemKey, cycle, null);
}

/// <param name="AssigneeKey">The accountable manager, when not the policy's choice.</param>
/// <param name="WorkingDays">Working days to answer, when not the policy's.</param>
public sealed record QuestionRouting(int Number, string? AssigneeKey = null, int? WorkingDays = null);

public sealed class SendQuestionsValidator : AbstractValidator<SendQuestions>
{
    public SendQuestionsValidator()
    {
        this.AddCycleRules();
        RuleFor(c => c.Questions).NotEmpty().When(c => c.Questions is not null)
            .WithPhrase("Choose at least one question to send.");
        RuleFor(c => c.Questions!).Must(q => q.Select(r => r.Number).Distinct().Count() == q.Count)
            .When(c => c.Questions is not null)
            .WithPhrase("A question is listed twice.");
        RuleForEach(c => c.Questions).ChildRules(routing =>
        {
            routing.RuleFor(r => r.Number).GreaterThan(0);
            routing.RuleFor(r => r.WorkingDays).InclusiveBetween(1, 120)
                .When(r => r.WorkingDays is not null).WithPhrase("Give between 1 and 120 working days to answer.");
        });
    }
}

public sealed class SendQuestionsHandler(CoGovDbContext db, UserContext user, TimeProvider clock) : CycleCommandHandler<SendQuestions>(db, user, clock)
{
    protected override CycleNeeds Needs => CycleNeeds.Organisation | CycleNeeds.Policy;

    protected override ValueTask Change(SendQuestions command, CycleInContext cycle, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (organisation, assessment, policy, actor) = (cycle.Organisation, cycle.Assessment, cycle.Policy, cycle.Actor);
        var systemKey = command.SystemKey;
        var routings = command.Questions
            ?? assessment.Questions.Where(q => q.State == Domain.Assessments.QuestionState.Draft).Select(q => new QuestionRouting(q.Number)).ToList();
        if (routings.Count == 0)
        {
            throw new DomainRuleException("Cycle {0} has no question left to send.", assessment.Cycle);
        }
        foreach (var routing in routings.OrderBy(r => r.Number))
        {
            var theme = assessment.Question(routing.Number).ThemeKey;
            var assigneeKey = routing.AssigneeKey ?? policy.ManagerFor(systemKey, theme)
                ?? throw new DomainRuleException(
                    "Nobody is named to answer question {0}: choose an accountable manager for it, or name one for the theme in the routing policy.", routing.Number);
            var assignee = organisation.FindPerson(assigneeKey)
                ?? throw new DomainRuleException("{0} has no person '{1}' to send question {2} to.", organisation.Name, assigneeKey, routing.Number);
            var deadline = policy.Calendar.AddWorkingDays(now, routing.WorkingDays ?? policy.DeadlineDaysFor(theme));
            assessment.Send(routing.Number, assignee, deadline, actor, now, policy.Deadlines);
        }
        return ValueTask.CompletedTask;
    }
}
