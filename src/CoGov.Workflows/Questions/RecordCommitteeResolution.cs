using CoGov.Domain.Common;
using CoGov.Workflows.Common;
using CoGov.Workflows.Cycles;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Persistence;
using FluentValidation;
using Mediator;

namespace CoGov.Workflows.Questions;

/// <summary>A chair of the joint committee records the committee's resolution of a challenged answer.</summary>
[RequiresRole(Roles.CommitteeChair)]
public sealed record RecordCommitteeResolution(string OrganisationKey, string SystemKey, int Cycle, int Number, string Resolution) : ICommand, IQuestionRequest;

public sealed class RecordCommitteeResolutionValidator : AbstractValidator<RecordCommitteeResolution>
{
    public RecordCommitteeResolutionValidator()
    {
        this.AddQuestionRules();
        RuleFor(c => c.Resolution).IsRecordText(new Phrase("committee's resolution"));
    }
}

public sealed class RecordCommitteeResolutionHandler(CoGovDbContext db, UserContext user, TimeProvider clock) : CycleCommandHandler<RecordCommitteeResolution>(db, user, clock)
{
    protected override ValueTask Change(RecordCommitteeResolution command, CycleInContext cycle, DateTimeOffset now, CancellationToken cancellationToken)
    {
        cycle.Assessment.RecordResolution(command.Number, command.Resolution, cycle.Actor, now);
        return ValueTask.CompletedTask;
    }
}
