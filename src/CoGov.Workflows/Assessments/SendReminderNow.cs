using CoGov.Workflows.Common;
using CoGov.Workflows.Persistence;
using FluentValidation;
using Mediator;

namespace CoGov.Workflows.Assessments;

/// <summary>A steward chasing an answer reminds the manager at once, outside the policy's schedule.</summary>
public sealed record SendReminderNow(string OrganisationKey, string SystemKey, int Cycle, int Number) : ICommand, IQuestionRequest;

public sealed class SendReminderNowValidator : AbstractValidator<SendReminderNow>
{
    public SendReminderNowValidator() => this.AddQuestionRules();
}

public sealed class SendReminderNowHandler(CoGovDbContext db, UserContext user, TimeProvider clock) : CycleCommandHandler<SendReminderNow>(db, user, clock)
{
    protected override ValueTask Change(SendReminderNow command, CycleInContext cycle, DateTimeOffset now, CancellationToken cancellationToken)
    {
        cycle.Assessment.RemindNow(command.Number, cycle.Actor, now);
        return ValueTask.CompletedTask;
    }
}
