using CoGov.Domain.Assessments;
using CoGov.Domain.Organisations;
using CoGov.Workflows.Import;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Tests.Import;

/// <summary>
/// Bad organisation files: each is refused with where the problem is, and nothing of the file reaches the database.
/// Each case changes one line of <see cref="SmallWorks"/>, so every other line keeps the number shown beside it.
/// </summary>
public sealed class OrganisationFileTests
{
    private const string FileName = "small-works.yaml";

    private const string SmallWorks = """
        organisation:
          key: small-works
          name: Small Works
        people:
          - { key: wanda, name: Wanda Worker, side: workers, email: wanda@small.example }
          - { key: walt, name: Walt Worker, side: workers, email: walt@small.example }
          - { key: mark, name: Mark Manager, side: management, email: mark@small.example }
          - { key: mia, name: Mia Manager, side: management, email: mia@small.example, superior: mark }
        committee:
          name: Works Committee
          seats:
            - { person: wanda, role: chair }
            - { person: walt, role: member }
            - { person: mark, role: chair }
            - { person: mia, role: member }
        systems:
          - key: scheduler
            name: Scheduler
            purpose: Plans the shifts.
            vendor: Acme Scheduling Ltd
            sourcing: procured
            department: Operations
        assessments:
          - system: scheduler
            template: data-lifecycle-at-work
            cycle: 1
            opened: -10
            due: 20
            accountableManager: mark
            routing:
              default: mark
            deadlineDays: 14
            events:
              - { at: -9, by: wanda, do: send }
              - { at: -5, by: mark, do: answer, question: 1, text: We collect rota data only. }
        """;

    [Fact]
    public async Task TheSmallFileTheCasesStartFromImports()
    {
        await using var app = await TestApp.StartAsync(new TestAppOptions(SeedTemplates: true));

        var result = await app.SendAsync(new ImportOrganisation(FileName, SmallWorks));

        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
        await app.WithDbAsync(async db =>
        {
            Assert.Equal(4, await db.People.CountAsync());
            Assert.Equal(1, await db.Systems.CountAsync());
            var cycle = await db.Assessments.Include(a => a.Questions).SingleAsync();
            Assert.Equal(QuestionState.Answered, cycle.Questions.Single(q => q.Number == 1).State);
            Assert.Equal(14, cycle.Questions.Count(q => q.State == QuestionState.Sent));
        });
    }

    [Fact]
    public async Task APersonMarkedAsPreferringAnswerLinksIsImportedSoAndTheOthersAreNot()
    {
        await using var app = await TestApp.StartAsync(new TestAppOptions(SeedTemplates: true));

        var result = await app.SendAsync(new ImportOrganisation(FileName,
            SmallWorks.WithLine(8, "  - { key: mia, name: Mia Manager, side: management, email: mia@small.example, superior: mark, prefersAnswerLinks: true }")));

        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
        await app.WithDbAsync(async db =>
            Assert.Equal(["mia"], await db.People.Where(p => p.PrefersAnswerLinks).Select(p => p.Key).ToListAsync()));
    }

    [Fact]
    public async Task APreferenceForAnswerLinksThatIsNeitherTrueNorFalseIsRefusedAtTheField()
    {
        var errors = await RejectedAsync(SmallWorks.WithLine(8, "  - { key: mia, name: Mia Manager, side: management, email: mia@small.example, superior: mark, prefersAnswerLinks: sometimes }"));

        var error = Assert.Single(errors);
        Assert.Equal((8, "people[3].prefersAnswerLinks"), (error.Line, error.Field));
    }

    [Fact]
    public async Task ACommitteeSeatForAnUnknownPersonIsRefusedAtTheSeat()
    {
        var errors = await RejectedAsync(SmallWorks.WithLine(13, "    - { person: wendy, role: member }"));

        var error = Assert.Single(errors);
        AssertError(error, line: 13, field: "committee.seats[1].person", "there is no person 'wendy' in this organisation.");
    }

    [Fact]
    public async Task ACommitteeWithoutParityIsRefusedAtItsSeats()
    {
        var errors = await RejectedAsync(SmallWorks.WithLine(13, "    # Walt's seat is vacant."));

        var error = Assert.Single(errors);
        AssertError(error, line: 11, field: "committee.seats",
            "Works Committee must give both sides equal seats; the workers' side has 1 and the management side 2.");
    }

    [Fact]
    public async Task AnAnswerBySomeoneTheQuestionIsNotRoutedToIsRefusedAtTheEvent()
    {
        var errors = await RejectedAsync(SmallWorks.WithLine(35, "      - { at: -5, by: mia, do: answer, question: 1, text: Not mine to answer. }"));

        var error = Assert.Single(errors);
        AssertError(error, line: 35, field: "assessments[0].events[1]",
            "Only its accountable manager or their delegate can answer question 1; Mia Manager is not.");
    }

    [Fact]
    public async Task AQuestionRoutedToTheWorkersSideIsRefusedAtTheSending()
    {
        var errors = await RejectedAsync(SmallWorks
            .WithLine(31, "      default: walt")
            .WithLine(34, "      - { at: -9, by: wanda, do: send, questions: [1] }"));

        var error = Assert.Single(errors);
        AssertError(error, line: 34, field: "assessments[0].events[0]",
            "Walt Worker is on the workers' side; question 1 must go to a named accountable manager on the management side.");
    }

    [Fact]
    public async Task AnEventInTheFutureIsRefusedAtItsDay()
    {
        var errors = await RejectedAsync(SmallWorks.WithLine(35, "      - { at: 2, by: mark, do: answer, question: 1, text: An answer from the future. }"));

        var error = Assert.Single(errors);
        AssertError(error, line: 35, field: "assessments[0].events[1].at", "day 2 is in the future");
    }

    [Fact]
    public async Task ACycleOfATemplateThatDoesNotExistIsRefusedAtTheTemplate()
    {
        var errors = await RejectedAsync(SmallWorks.WithLine(25, "    template: no-such-template"));

        var error = Assert.Single(errors);
        AssertError(error, line: 25, field: "assessments[0].template",
            "there is no questionnaire template 'no-such-template'; import the template first.");
    }

    [Fact]
    public async Task AMisspeltFieldIsRefusedAtItsLine()
    {
        var errors = await RejectedAsync(SmallWorks.WithLine(21, "    sorcing: procured"));

        Assert.Equal(2, errors.Count);
        AssertError(errors.Single(e => e.Field == "systems[0].sorcing"), line: 21, field: "systems[0].sorcing", "unknown field 'sorcing'");
        AssertError(errors.Single(e => e.Field == "systems[0].sourcing"), line: 17, field: "systems[0].sourcing", "the field 'sourcing' is missing.");
    }

    [Fact]
    public async Task AnOrganisationKeyAlreadyImportedIsRefusedAndTheFirstStaysAsItWas()
    {
        await using var app = await TestApp.StartAsync(new TestAppOptions(SeedTemplates: true));
        await app.SendAsync(new ImportOrganisation(FileName, SmallWorks));
        var renamed = SmallWorks.WithLine(3, "  name: Small Works Again");

        var again = await app.SendAsync(new ImportOrganisation("small-works-again.yaml", renamed));

        Assert.False(again.Succeeded);
        var error = Assert.Single(again.Errors);
        Assert.Equal("small-works-again.yaml", error.File);
        Assert.Equal("organisation.key", error.Field);
        Assert.Equal(2, error.Line);
        Assert.Contains("an organisation with the key 'small-works' already exists.", error.Message, StringComparison.Ordinal);
        await app.WithDbAsync(async db =>
        {
            Assert.Equal("Small Works", (await db.Organisations.SingleAsync()).Name);
            Assert.Equal(4, await db.People.CountAsync());
            Assert.Equal(1, await db.Systems.CountAsync());
            Assert.Equal(1, await db.Assessments.CountAsync());
            Assert.Equal(1 + 15 + 1, await db.LogEntries.CountAsync());
        });
    }

    private static async Task<IReadOnlyList<ImportError>> RejectedAsync(string yaml)
    {
        await using var app = await TestApp.StartAsync(new TestAppOptions(SeedTemplates: true));

        var result = await app.SendAsync(new ImportOrganisation(FileName, yaml));

        Assert.False(result.Succeeded);
        Assert.Null(result.Key);
        await app.WithDbAsync(async db =>
        {
            Assert.Equal(0, await db.Organisations.CountAsync());
            Assert.Equal(0, await db.People.CountAsync());
            Assert.Equal(0, await db.Committees.CountAsync());
            Assert.Equal(0, await db.Set<CommitteeSeat>().CountAsync());
            Assert.Equal(0, await db.Systems.CountAsync());
            Assert.Equal(0, await db.Assessments.CountAsync());
            Assert.Equal(0, await db.QuestionItems.CountAsync());
            Assert.Equal(0, await db.LogEntries.CountAsync());
        });
        return result.Errors;
    }

    private static void AssertError(ImportError error, int line, string field, string message)
    {
        Assert.Equal(FileName, error.File);
        Assert.Equal(field, error.Field);
        Assert.Equal(line, error.Line);
        Assert.True(error.Column > 0, $"no column in {error}");
        Assert.True(error.Message.Contains(message, StringComparison.Ordinal), $"expected \"{message}\" in {error}");
    }
}
