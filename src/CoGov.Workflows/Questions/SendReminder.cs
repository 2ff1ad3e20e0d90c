using CoGov.Workflows.Common;
using CoGov.Workflows.Cycles;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Persistence;
using FluentValidation;
using Mediator;

namespace CoGov.Workflows.Questions;

/// <summary>A steward chasing an answer reminds the manager at once, outside the policy's schedule.</summary>
[RequiresRole(Roles.Steward)]
public sealed record SendReminder(string OrganisationKey, string SystemKey, int Cycle, int Number) : ICommand, IQuestionRequest;

public sealed class SendReminderValidator : AbstractValidator<SendReminder>
{
    public SendReminderValidator() => this.AddQuestionRules();
}

public sealed class SendReminderHandler(CoGovDbContext db, UserContext user, TimeProvider clock) : CycleCommandHandler<SendReminder>(db, user, clock)
{
    protected override ValueTask Change(SendReminder command, CycleInContext cycle, DateTimeOffset now, CancellationToken cancellationToken)
    {
        cycle.Assessment.RemindNow(command.Number, cycle.Actor, now);
        return ValueTask.CompletedTask;
    }
}
