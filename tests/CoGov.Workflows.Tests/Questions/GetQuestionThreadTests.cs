using CoGov.Domain.Assessments;
using CoGov.Domain.Organisations;
using CoGov.Workflows.Common;
using CoGov.Workflows.Import;
using CoGov.Workflows.Members;
using CoGov.Workflows.Tests.Members;
using CoGov.Workflows.Questions;
using CoGov.Workflows.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CoGov.Workflows.Tests.Riverside;
using CoGov.Workflows.Cycles;

namespace CoGov.Workflows.Tests.Questions;

/// <summary>
/// The question page's query on the demo: rostering cycle 2 has question 1 accepted, 3 back for clarification, 4 answered,
/// 6 sent (and overdue) and 11 challenged.
/// </summary>
public sealed class GetQuestionThreadTests
{
    private const string Rostering = "rostering";
    private const string Daniel = DemoLogins.Daniel;

    [Fact]
    public async Task AStewardMayAcceptClarifyOrChallengeAnAnsweredQuestionAndItsManagerMayNot()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);

        var steward = await app.SendAsync(Question(4), await app.UserAsync(Amara));
        var manager = await app.SendAsync(Question(4), await app.UserAsync(Daniel));

        Assert.Equal(QuestionState.Answered, steward.State);
        Assert.Equal([QuestionAction.Accept, QuestionAction.RequestClarification, QuestionAction.Challenge], steward.PermittedActions.Order());
        Assert.Empty(manager.PermittedActions);
    }

    [Fact]
    public async Task AWorkersSideMemberWhoseRolesWereTakenAwayIsOfferedNothingTheStewardIs()
    {
        await using var app = await MemberScenario.StartAsync();
        var (tomasz, _) = await app.LoginAsync(DemoLogins.Tomasz);
        Assert.Equal([QuestionAction.Accept, QuestionAction.RequestClarification, QuestionAction.Challenge],
            (await app.SendAsync(Question(4), await app.UserAsync(DemoLogins.Tomasz))).PermittedActions.Order());

        await app.SendAsync(new ChangeMemberRoles(Riverside.Key, tomasz.Id, []), await app.AdminAsync());

        // Still a member who may read the question, as any member may; no longer a steward who may act on it.
        Assert.Empty((await app.SendAsync(Question(4), await app.UserAsync(DemoLogins.Tomasz))).PermittedActions);
        await Assert.ThrowsAsync<ForbiddenException>(async () =>
            await app.SendAsync(new AcceptAnswer(Riverside.Key, Rostering, 2, 4), await app.UserAsync(DemoLogins.Tomasz)));
    }

    [Fact]
    public async Task TheManagerMayAnswerDelegateOrAskForMoreTimeOnASentQuestionAndAStewardMayChaseIt()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);

        var manager = await app.SendAsync(Question(6), await app.UserAsync(Daniel));
        var steward = await app.SendAsync(Question(6), await app.UserAsync(Amara));
        var otherManager = await app.SendAsync(Question(6), await app.UserAsync(Priya));

        Assert.Equal([QuestionAction.Answer, QuestionAction.Delegate, QuestionAction.RequestMoreTime], manager.PermittedActions.Order());
        Assert.Equal(
            [QuestionAction.Withdraw, QuestionAction.Reassign, QuestionAction.RemindNow, QuestionAction.EscalateNow],
            steward.PermittedActions.Order());
        Assert.Empty(otherManager.PermittedActions);
    }

    [Fact]
    public async Task EitherChairMayRecordTheCommitteesResolutionOfAChallengedQuestionAndNoOneElse()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);

        var workersChair = await app.SendAsync(Question(11), await app.UserAsync(Leila));
        var managementChair = await app.SendAsync(Question(11), await app.UserAsync(Helen));
        var steward = await app.SendAsync(Question(11), await app.UserAsync(Amara));
        var answerer = await app.SendAsync(Question(11), await app.UserAsync(Priya));

        Assert.Equal(QuestionState.Challenged, workersChair.State);
        Assert.Equal([QuestionAction.Resolve], workersChair.PermittedActions);
        Assert.Equal([QuestionAction.Resolve], managementChair.PermittedActions);
        Assert.Empty(steward.PermittedActions);
        Assert.Empty(answerer.PermittedActions);
    }

    [Fact]
    public async Task AnAdministratorWhoIsNoneOfTheOrganisationsPeopleSeesTheThreadAndMayDoNothing()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);

        var thread = await app.SendAsync(Question(6), await app.UserAsync(DemoLogins.Admin));

        Assert.Equal(6, thread.Number);
        Assert.Empty(thread.PermittedActions);
    }

    [Fact]
    public async Task TheThreadHoldsTheQuestionsLogEntriesOldestFirstWithWhoActedAndOnWhichSide()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);

        var thread = await app.SendAsync(Question(3), await app.UserAsync(Amara));

        Assert.Equal("Riverside Municipal Hospital", thread.OrganisationName);
        Assert.Equal("ShiftWise Rostering", thread.SystemName);
        Assert.Equal(2, thread.Cycle);
        Assert.Equal("Co-Governance of Algorithmic Systems", thread.TemplateTitle);
        Assert.Equal("Transparency & Procurement", thread.ThemeTitle);
        Assert.False(string.IsNullOrWhiteSpace(thread.Text));
        var recorded = await app.LogOfAsync(Rostering, 2, 3);
        Assert.Equal(recorded.Select(e => (e.Sequence, e.Kind, e.ActorName, e.Text)), thread.Entries.Select(e => (e.Sequence, e.Kind, e.ActorName, e.Text)));
        // Between the people's entries, what CoGov did by itself (reminders, the overdue notice), on neither side.
        Assert.Equal(
            [
                (LogEntryKind.Sent, "Leila Haddad", (Side?)Side.Workers),
                (LogEntryKind.Answered, "Daniel Reyes", Side.Management),
                (LogEntryKind.ClarificationRequested, "Amara Okafor", Side.Workers),
            ],
            thread.Entries.Where(e => e.ActorName != "CoGov").Select(e => (e.Kind, e.ActorName, e.ActorSide)));
        Assert.All(thread.Entries.Where(e => e.ActorName == "CoGov"), e =>
        {
            Assert.Null(e.ActorSide);
            Assert.True(e.Kind is LogEntryKind.Reminded or LogEntryKind.Overdue, $"CoGov did {e.Kind}.");
        });
        Assert.Equal(thread.Entries.OrderBy(e => e.Sequence), thread.Entries);
        var answer = thread.Entries.Single(e => e.Kind == LogEntryKind.Answered);
        Assert.StartsWith("Predict is covered by our existing contract", answer.Text, StringComparison.Ordinal);
        Assert.Equal(TestApp.Now.AddDays(-12), answer.At);
        Assert.Equal("Europe/London", thread.TimeZoneId);
        Assert.Equal(new NamedPerson("daniel-reyes", "Daniel Reyes", "Director of Workforce Planning"), thread.AccountableManager);
        Assert.Null(thread.Delegate);
    }

    [Fact]
    public async Task TheDeadlineIsGivenWhileTheClockRunsAndTheClockIsStoppedWhileTheAnswerIsWithTheWorkersSide()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);
        var amara = await app.UserAsync(Amara);

        var sent = await app.SendAsync(Question(6), amara);
        var answered = await app.SendAsync(Question(4), amara);
        var challenged = await app.SendAsync(Question(11), amara);
        var accepted = await app.SendAsync(Question(1), amara);

        Assert.Equal(QuestionClock.Running, sent.Clock);
        Assert.Equal(TestApp.Now.AddDays(-6), sent.Deadline);
        Assert.True(sent.IsOverdue);
        Assert.Equal(QuestionClock.StoppedWithWorkers, answered.Clock);
        Assert.Null(answered.Deadline);
        Assert.False(answered.IsOverdue);
        Assert.Equal(QuestionClock.StoppedWithWorkers, challenged.Clock);
        Assert.Equal(QuestionClock.Settled, accepted.Clock);
        Assert.Null(accepted.Deadline);
    }

    [Fact]
    public async Task WhileMoreTimeIsAskedTheClockIsStoppedAndTheWorkersSideMayGrantOrRefuseIt()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);
        await app.SendAsync(new RequestExtension(Key, Rostering, 2, 6, 5, "The vendor has not replied yet."), await app.UserAsync(Daniel));

        var steward = await app.SendAsync(Question(6), await app.UserAsync(Amara));
        var manager = await app.SendAsync(Question(6), await app.UserAsync(Daniel));

        Assert.Equal(QuestionClock.StoppedForMoreTime, steward.Clock);
        Assert.Null(steward.Deadline);
        Assert.False(steward.IsOverdue);
        Assert.Equal(5, steward.RequestedExtensionDays);
        Assert.Equal([QuestionAction.GrantMoreTime, QuestionAction.RefuseMoreTime, QuestionAction.Withdraw], steward.PermittedActions.Order());
        Assert.Equal([QuestionAction.Answer], manager.PermittedActions);
        Assert.Equal(LogEntryKind.ExtensionRequested, steward.Entries[^1].Kind);
    }

    [Fact]
    public async Task ADelegateIsShownAndMayAnswer()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);
        await app.SendAsync(new DelegateQuestion(Key, Rostering, 2, 6, "kwame-asante", "Kwame runs the grievance data."), await app.UserAsync(Daniel));

        var thread = await app.SendAsync(Question(6), await app.UserAsync(Kwame));

        Assert.Equal("Daniel Reyes", thread.AccountableManager!.Name);
        Assert.Equal("Kwame Asante", thread.Delegate!.Name);
        Assert.Equal([QuestionAction.Answer, QuestionAction.RequestMoreTime], thread.PermittedActions.Order());
    }

    [Fact]
    public async Task ThePickersListTheOrganisationsManagersByName()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);

        var thread = await app.SendAsync(Question(6), await app.UserAsync(Amara));

        Assert.Equal(["Daniel Reyes", "Helen Marsh", "Kwame Asante", "Priya Nair"], thread.Managers.Select(m => m.Name));
        Assert.Equal(["daniel-reyes", "helen-marsh", "kwame-asante", "priya-nair"], thread.Managers.Select(m => m.Key));
    }

    [Fact]
    public async Task AnIntactLogGivesItsHeadHashAndAnEditedOneNamesTheEntry()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);
        var amara = await app.UserAsync(Amara);
        var intact = await app.SendAsync(Question(4), amara);
        var answer = intact.Entries.Single(e => e.Kind == LogEntryKind.Answered);
        var cycleId = (await app.CycleAsync(Rostering, 2)).Id;

        // Behind the app's back: the app itself refuses to edit its log.
        await app.WithDbAsync(async db =>
        {
            await db.DropAppendOnlyTriggersAsync();
            return await db.Database.ExecuteSqlAsync(
                $"UPDATE LogEntries SET Text = {"Individual scores do not exist."} WHERE AssessmentId = {cycleId} AND Sequence = {answer.Sequence}");
        });
        var edited = await app.SendAsync(Question(4), amara);

        Assert.True(intact.Log.IsIntact);
        Assert.Equal((await app.CycleAsync(Rostering, 2)).LogHeadHash, intact.Log.HeadHash);
        Assert.False(edited.Log.IsIntact);
        Assert.Equal(answer.Sequence, edited.Log.FirstBrokenSequence);
        Assert.Contains($"entry {answer.Sequence}", edited.Log.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACarriedOverAnswerIsOfferedToConfirmOrUpdateUntilTheQuestionIsAnswered()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);
        var amara = await app.UserAsync(Amara);
        var kwame = await app.UserAsync(Kwame);
        var priya = await app.UserAsync(Priya);
        await app.SendAsync(SendQuestions.EveryDraft(Key, Screening, 1), amara);
        for (var number = 1; number <= 19; number++)
        {
            // The demo policy sends applicant screening's data-protection questions (10 to 12) to Priya Nair.
            await app.SendAsync(new AnswerQuestion(Key, Screening, 1, number, $"Answer {number} for cycle 1."), number is >= 10 and <= 12 ? priya : kwame);
            await app.SendAsync(new AcceptAnswer(Key, Screening, 1, number), amara);
        }
        await app.SendAsync(new SignOffCycle(Key, Screening, 1, "Management signs off cycle 1."), kwame);
        await app.SendAsync(new CountersignCycle(Key, Screening, 1, "The workers' side countersigns."), amara);
        await app.SendAsync(new OpenCycle(Key, Screening, "psi-co-governance"), amara);
        await app.SendAsync(new SendQuestions(Key, Screening, 2, [new QuestionRouting(1)]), amara);

        var before = await app.SendAsync(new GetQuestionThread(Key, Screening, 2, 1), kwame);
        await app.SendAsync(new AnswerQuestion(Key, Screening, 2, 1, "Answer 1, updated for cycle 2."), kwame);
        var after = await app.SendAsync(new GetQuestionThread(Key, Screening, 2, 1), kwame);

        Assert.Equal(new CarriedOverAnswer("Answer 1 for cycle 1.", 1, AwaitingConfirmation: true), before.CarriedOver);
        Assert.Contains(QuestionAction.Answer, before.PermittedActions);
        Assert.Equal(new CarriedOverAnswer("Answer 1 for cycle 1.", 1, AwaitingConfirmation: false), after.CarriedOver);
    }

    [Fact]
    public async Task AMemberOfAnotherOrganisationGetsNotFound()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);
        Assert.True((await app.SendAsync(new ImportOrganisation(OtherOrganisation.FileName, OtherOrganisation.File))).Succeeded);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoAccounts>().EnsureAsync(OtherOrganisation.AccountsFileName, OtherOrganisation.Accounts, CancellationToken.None);
        }

        await Assert.ThrowsAsync<NotFoundException>(async () => await app.SendAsync(Question(4), await app.UserAsync(OtherOrganisation.Steward)));
    }

    [Theory]
    [InlineData("no-such-system", 2, 4)]
    [InlineData(Rostering, 9, 4)]
    [InlineData(Rostering, 2, 99)]
    public async Task ASystemCycleOrQuestionThatDoesNotExistIsNotFound(string system, int cycle, int number)
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);

        await Assert.ThrowsAsync<NotFoundException>(async () =>
            await app.SendAsync(new GetQuestionThread(Key, system, cycle, number), await app.UserAsync(Amara)));
    }

    private static GetQuestionThread Question(int number) => new(Key, Rostering, 2, number);
}
