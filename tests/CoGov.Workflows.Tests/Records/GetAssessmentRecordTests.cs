using CoGov.Domain.Assessments;
using CoGov.Workflows.Common;
using CoGov.Workflows.Records;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Tests.Records;

public sealed class GetAssessmentRecordTests
{
    [Fact]
    public async Task ASignedOffCycleHoldsEveryQuestionInOrderWithItsAcceptedAnswerBothSignaturesAndTheVerifiedLog()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);
        var cycle = await app.CycleAsync("rostering", 1);
        var wording = await app.WithDbAsync(db => db.Templates.Include(t => t.Themes).ThenInclude(t => t.Questions).SingleAsync(t => t.Id == cycle.TemplateId));

        var record = await app.SendAsync(new GetAssessmentRecord(Riverside.Key, "rostering", 1), await app.UserAsync(Riverside.Leila));

        Assert.Equal(("Riverside Municipal Hospital", "ShiftWise Rostering", 1), (record.Cover.OrganisationName, record.Cover.SystemName, record.Cover.Cycle));
        Assert.Equal(wording.Themes.Select(t => t.Title.In("en")), record.Themes.Select(t => t.Title));
        Assert.Equal(Enumerable.Range(1, 19), record.Questions.Select(q => q.Number));
        Assert.Equal(wording.Questions.OrderBy(q => q.Number).Select(q => q.Text.In("en")), record.Questions.Select(q => q.Text));
        Assert.All(record.Questions, q =>
        {
            var item = cycle.Question(q.Number);
            Assert.Equal(item.LatestAnswer, q.Answer!.Text);
            Assert.True(q.Answer.IsAccepted);
            Assert.Equal(item.State, q.State);
        });
        var resolved = Assert.Single(record.Questions, q => q.State == QuestionState.Resolved);
        Assert.NotNull(resolved.Resolution);
        Assert.Contains(resolved.Events, e => e.Kind == LogEntryKind.Challenged);

        Assert.Equal("Daniel Reyes", record.Signatures.Management!.Name);
        Assert.Equal("Leila Haddad", record.Signatures.Workers!.Name);
        Assert.Equal(record.Signatures.Workers.At, record.Cover.SignedAt);
        Assert.Equal(["Leila Haddad", "Amara Okafor", "Tomasz Nowak"], record.Cover.WorkersSide.Select(m => m.Name));
        Assert.Equal(["Helen Marsh", "Daniel Reyes", "Priya Nair"], record.Cover.ManagementSide.Select(m => m.Name));

        Assert.Equal(cycle.Log.Select(e => (e.Sequence, e.Kind, e.Text)), record.Log.Select(e => (e.Sequence, e.Kind, e.Text)));
        Assert.True(record.Verification.IsIntact);
        Assert.Equal(cycle.VerifyLog().HeadHash, record.Verification.HeadHash);
        Assert.Equal(cycle.LogHeadHash, record.Verification.HeadHash);
        Assert.True(record.MayStore);
    }

    [Fact]
    public async Task ACycleInProgressGivesTheLatestAnswerNotAsAcceptedAndNoSignatures()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);
        var cycle = await app.CycleAsync("rostering", 2);

        var record = await app.SendAsync(new GetAssessmentRecord(Riverside.Key, "rostering", 2), await app.UserAsync(Riverside.Helen));

        Assert.Null(record.Cover.SignedAt);
        Assert.Equal(new RecordSignatures(null, null), record.Signatures);
        var answered = cycle.Questions.Where(q => q.State == QuestionState.Answered).Select(q => q.Number).ToList();
        Assert.NotEmpty(answered);
        Assert.All(record.Questions.Where(q => answered.Contains(q.Number)), q => Assert.False(q.Answer!.IsAccepted));
        Assert.All(record.Questions.Where(q => q.State == QuestionState.Sent && q.Answer is null), q => Assert.NotNull(q.Deadline));
        Assert.Equal(cycle.Questions.Count(q => q.IsOverdue(TestApp.Now)), record.Questions.Count(q => q.IsOverdue));
    }

    [Fact]
    public async Task AnAdministratorWhoIsNoneOfTheOrganisationsPeopleMayReadTheRecordButNotKeepOne()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);

        var record = await app.SendAsync(new GetAssessmentRecord(Riverside.Key, "rostering", 1), await app.UserAsync(DemoLogins.Admin));

        Assert.Equal(19, record.Questions.Count());
        Assert.False(record.MayStore);
    }

    [Fact]
    public async Task NobodyOutsideTheOrganisationLearnsThatTheRecordExists()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);

        await Assert.ThrowsAsync<NotFoundException>(() =>
            app.SendAsync(new GetAssessmentRecord(Riverside.Key, "rostering", 1), Users.SignedIn(Guid.NewGuid().ToString())));
        var leila = await app.UserAsync(Riverside.Leila);
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new GetAssessmentRecord(Riverside.Key, "rostering", 9), leila));
    }
}
