using CoGov.Workflows.Common;
using static CoGov.Workflows.Tests.Riverside;
using CoGov.Workflows.Cycles;
using CoGov.Workflows.Questions;

namespace CoGov.Workflows.Tests.Cycles;

public sealed class GetSendPlanTests
{
    [Fact]
    public async Task TheScreeningDraftsArePrefilledFromTheRoutingPolicy()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);

        var plan = await app.SendAsync(new GetSendPlan(Key, Screening, 1), await app.UserAsync(Amara));

        Assert.True(plan.MaySend);
        Assert.Equal(("Riverside Municipal Hospital", "CandidateMatch CV Screening", 1, "Co-Governance of Algorithmic Systems"),
            (plan.OrganisationName, plan.SystemName, plan.Cycle, plan.TemplateTitle));
        Assert.Equal(
            ["transparency-and-procurement", "responsibility", "right-of-redress", "data-protection-and-rights", "harms-and-benefits", "adjustments", "co-governance"],
            plan.Themes.Select(t => t.Key));
        var questions = plan.Themes.SelectMany(t => t.Questions).ToList();
        Assert.Equal(Enumerable.Range(1, 19), questions.Select(q => q.Number));
        // The screening system's own routing: Kwame Asante by default, data protection to Priya Nair with fifteen
        // working days (the organisation's deadline for that theme) instead of ten.
        Assert.All(questions.Where(q => q.Number is >= 10 and <= 12), q => Assert.Equal(("priya-nair", 15), (q.AssigneeKey, q.WorkingDays)));
        Assert.All(questions.Where(q => q.Number is < 10 or > 12), q => Assert.Equal(("kwame-asante", 10), (q.AssigneeKey, q.WorkingDays)));
        Assert.All(questions, q => Assert.Null(q.CarriedOverAnswer));
        Assert.Equal("Which managers are accountable and responsible for these systems?", questions[7].Text);
        Assert.Equal(["Daniel Reyes", "Helen Marsh", "Kwame Asante", "Priya Nair"], plan.Managers.Select(m => m.Name));
        Assert.Equal("Head of Recruitment and HR Operations", plan.Managers.Single(m => m.Key == "kwame-asante").Title);
    }

    [Fact]
    public async Task QuestionsAlreadySentAreNotInThePlan()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);
        var amara = await app.UserAsync(Amara);
        await app.SendAsync(new SendQuestions(Key, Screening, 1, [new QuestionRouting(1), new QuestionRouting(9)]), amara);

        var plan = await app.SendAsync(new GetSendPlan(Key, Screening, 1), amara);

        Assert.Equal(Enumerable.Range(2, 18).Where(n => n != 9), plan.Themes.SelectMany(t => t.Questions).Select(q => q.Number));
        Assert.DoesNotContain(plan.Themes, t => t.Key == "right-of-redress");
    }

    [Fact]
    public async Task AManagerMayNotSendAndACycleWithNothingLeftToSendHasAnEmptyPlan()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);

        var asManager = await app.SendAsync(new GetSendPlan(Key, Screening, 1), await app.UserAsync(Kwame));
        var rostering = await app.SendAsync(new GetSendPlan(Key, "rostering", 2), await app.UserAsync(Amara));

        Assert.False(asManager.MaySend);
        Assert.False(rostering.MaySend);
        Assert.Empty(rostering.Themes);
    }

    [Fact]
    public async Task AnAnswerSettledInThePreviousCycleIsShownAsCarriedOver()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);
        var amara = await app.UserAsync(Amara);
        var kwame = await app.UserAsync(Kwame);
        // Settle screening cycle 1: question 1 answered and accepted, the rest withdrawn; both sides sign.
        await app.SendAsync(new SendQuestions(Key, Screening, 1, [new QuestionRouting(1)]), amara);
        await app.SendAsync(new AnswerQuestion(Key, Screening, 1, 1, "Healthcare assistant, administrative and domestic roles."), kwame);
        await app.SendAsync(new AcceptAnswer(Key, Screening, 1, 1), amara);
        foreach (var number in Enumerable.Range(2, 18))
        {
            await app.SendAsync(new WithdrawQuestion(Key, Screening, 1, number, "Not needed this time."), amara);
        }
        await app.SendAsync(new SignOffCycle(Key, Screening, 1, "Signed for management."), kwame);
        await app.SendAsync(new CountersignCycle(Key, Screening, 1, "Countersigned for the workers' side."), amara);
        Assert.Equal(2, await app.SendAsync(new OpenCycle(Key, Screening, "psi-co-governance"), amara));

        var plan = await app.SendAsync(new GetSendPlan(Key, Screening, 2), amara);

        var questions = plan.Themes.SelectMany(t => t.Questions).ToList();
        Assert.Equal(19, questions.Count);
        Assert.Equal(("Healthcare assistant, administrative and domestic roles.", 1), (questions[0].CarriedOverAnswer, questions[0].CarriedOverFromCycle));
        Assert.All(questions.Skip(1), q => Assert.Null(q.CarriedOverAnswer));
    }

    [Fact]
    public async Task AnUnknownCycleIsNotFound()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);

        await Assert.ThrowsAsync<NotFoundException>(async () => await app.SendAsync(new GetSendPlan(Key, Screening, 2), await app.UserAsync(Amara)));
    }
}
