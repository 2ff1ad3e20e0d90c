using CoGov.Domain.Common;
using CoGov.Domain.Organisations;
using CoGov.Workflows.Common;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Organisations;
using CoGov.Workflows.Persistence;
using CoGov.Workflows.Questions;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.AnswerLinks;

/// <summary>
/// A steward or an administrator stops an answer link working at once (sent to the wrong address, forwarded, lost). The
/// revocation is in the audit log. The next mail to the manager about the question carries a fresh link.
/// </summary>
[RequiresRole(Roles.Steward, Roles.Admin)]
public sealed record RevokeAnswerLink(string OrganisationKey, string SystemKey, int Cycle, int Number, Guid LinkId) : ICommand, IQuestionRequest;

public sealed class RevokeAnswerLinkValidator : AbstractValidator<RevokeAnswerLink>
{
    public RevokeAnswerLinkValidator()
    {
        this.AddQuestionRules();
        RuleFor(c => c.LinkId).NotEmpty();
    }
}

public sealed class RevokeAnswerLinkHandler(CoGovDbContext db, OrganisationAudit audit, TimeProvider clock) : ICommandHandler<RevokeAnswerLink>
{
    public async ValueTask<Unit> Handle(RevokeAnswerLink command, CancellationToken cancellationToken)
    {
        var organisation = await db.ReadOrganisationAsync(command.OrganisationKey, cancellationToken);
        var assessmentId = await AnswerLinkQuestions.AssessmentIdAsync(db, organisation.Id, command, cancellationToken);
        var link = await db.AnswerLinks.SingleOrDefaultAsync(
                l => l.Id == command.LinkId && l.OrganisationId == organisation.Id && l.AssessmentId == assessmentId && l.QuestionNumber == command.Number,
                cancellationToken)
            ?? throw new NotFoundException($"Question {command.Number} has no answer link {command.LinkId}.");
        if (link.IsRevoked)
        {
            throw new DomainRuleException("This answer link was already revoked.");
        }
        var who = await audit.WhoAsync(cancellationToken);
        link.Revoke(who, clock.GetUtcNow());
        var person = organisation.FindPerson(link.PersonId)?.Name ?? link.PersonId.ToString();
        await audit.RecordAsync(organisation.Id, AuditKind.AnswerLinkRevoked,
            $"Revoked {person}'s answer link to question {command.Number} of cycle {command.Cycle} of {command.SystemKey}.", cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
