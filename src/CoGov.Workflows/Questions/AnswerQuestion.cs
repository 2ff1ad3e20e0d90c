using CoGov.Domain.Common;
using CoGov.Workflows.Common;
using CoGov.Workflows.Cycles;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Persistence;
using FluentValidation;
using Mediator;

namespace CoGov.Workflows.Questions;

/// <summary>The accountable manager (or their delegate) answers a question; their clock stops while the workers' side reviews it.</summary>
[RequiresRole(Roles.Manager)]
[AnswerLinks.AnswerableThroughLink]
public sealed record AnswerQuestion(string OrganisationKey, string SystemKey, int Cycle, int Number, string Answer) : ICommand, IQuestionRequest;

public sealed class AnswerQuestionValidator : AbstractValidator<AnswerQuestion>
{
    public AnswerQuestionValidator()
    {
        this.AddQuestionRules();
        RuleFor(c => c.Answer).IsRecordText(new Phrase("answer"), 50_000);
        RuleFor(c => c.Answer).Custom((answer, context) =>
        {
            var links = AnswerEvidence.LinksIn(answer ?? "");
            foreach (var (link, number) in links.Select((link, index) => (link, index + 1)).Where(l => !AnswerEvidence.IsWebAddress(l.link)))
            {
                context.AddPhrase(nameof(AnswerQuestion.Answer),
                    new Phrase("Evidence link {0} is not a web address starting with https:// or http://: {1}", number, link));
            }
        });
    }
}

public sealed class AnswerQuestionHandler(CoGovDbContext db, UserContext user, TimeProvider clock) : CycleCommandHandler<AnswerQuestion>(db, user, clock)
{
    protected override ValueTask Change(AnswerQuestion command, CycleInContext cycle, DateTimeOffset now, CancellationToken cancellationToken)
    {
        cycle.Assessment.Answer(command.Number, command.Answer, cycle.Actor, now);
        return ValueTask.CompletedTask;
    }
}
