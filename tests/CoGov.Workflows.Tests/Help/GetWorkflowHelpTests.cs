using CoGov.Domain.Assessments;
using CoGov.Workflows.Common;
using CoGov.Workflows.Help;
using CoGov.Workflows.Tests.Members;

namespace CoGov.Workflows.Tests.Help;

public sealed class GetWorkflowHelpTests
{
    [Fact]
    public async Task TheQuestionMachineIsDescribedStateByStateWithWhoMayMakeEachMove()
    {
        await using var app = await MemberScenario.StartAsync();

        var help = await app.SendAsync(new GetWorkflowHelp(), await app.UserAsync(Riverside.Amara));

        var question = help.Question;
        Assert.Equal("Draft", question.InitialState);
        Assert.Equal(Enum.GetNames<QuestionState>().Order(StringComparer.Ordinal), question.States.Select(s => s.State).Order(StringComparer.Ordinal));
        MoveHelp Move(string state, string trigger) => question.States.Single(s => s.State == state).Moves.Single(m => m.Trigger == trigger);

        Assert.Equal(new Destination("Sent", null), Move("Draft", "Send").Destinations.Single());
        Assert.Equal(["the workers' side"], Move("Draft", "Send").Who);
        Assert.Equal(["its accountable manager or their delegate"], Move("Sent", "Answer").Who);
        Assert.True(Move("Sent", "Reassign").StaysPut);
        Assert.False(Move("Sent", "Answer").StaysPut);
        Assert.Equal(["a chair of the joint committee"], Move("Challenged", "Resolve").Who);
        Assert.Equal(
            [new Destination("Sent", "it was sent"), new Destination("ClarificationRequested", "it was back for clarification")],
            Move("ExtensionRequested", "GrantExtension").Destinations);
        Assert.Equal(["Accepted", "Resolved", "Withdrawn"], question.States.Where(s => s.IsFinal).Select(s => s.State).Order(StringComparer.Ordinal));
        Assert.Equal(QuestionItem.DotGraph(), help.QuestionGraph);
    }

    [Fact]
    public async Task TheCycleMachineHasNoGuardsSoItsMovesNameNoOne()
    {
        await using var app = await MemberScenario.StartAsync();

        var help = await app.SendAsync(new GetWorkflowHelp(), await app.UserAsync(Riverside.Amara));

        Assert.Equal("Open", help.Cycle.InitialState);
        Assert.Equal(Enum.GetNames<AssessmentState>().Order(StringComparer.Ordinal), help.Cycle.States.Select(s => s.State).Order(StringComparer.Ordinal));
        var signedOff = help.Cycle.States.Single(s => s.State == "AwaitingSignOff").Moves.Single(m => m.Trigger == "ManagementSignedOff");
        Assert.True(signedOff.StaysPut);
        Assert.Empty(signedOff.Who);
        Assert.All(help.Cycle.States.SelectMany(s => s.Moves), m => Assert.Empty(m.Who));
        Assert.Equal(Assessment.DotGraph(), help.CycleGraph);
    }

    [Fact]
    public async Task TheClockIsTheUsersOrganisations()
    {
        await using var app = await MemberScenario.StartAsync(withOtherOrganisation: true);
        var amara = await app.UserAsync(Riverside.Amara);

        var help = await app.SendAsync(new GetWorkflowHelp(OtherOrganisation.Key), amara);

        // Amara is not of Northfield: asking for its clock gets her own organisation's.
        Assert.Equal(("riverside-hospital", "Riverside Municipal Hospital"), (help.Clock!.OrganisationKey, help.Clock.OrganisationName));
        Assert.Equal("Europe/London", help.Clock.Terms.TimeZone);
        Assert.Equal([new OrganisationChoice("riverside-hospital", "Riverside Municipal Hospital")], help.Organisations);
    }

    [Fact]
    public async Task SomeoneOfNoOrganisationReadsTheDefaultPolicysClock()
    {
        await using var app = await MemberScenario.StartAsync();
        var outsider = await app.CreateLoginAsync("outsider@example.org");

        var help = await app.SendAsync(new GetWorkflowHelp(), Users.SignedIn(outsider.Id));

        Assert.Null(help.Clock!.OrganisationKey);
        Assert.Equal("UTC", help.Clock.Terms.TimeZone);
        Assert.Equal([5, 1], help.Clock.Terms.ReminderDaysBeforeDue);
        Assert.Empty(help.Organisations);
    }

    [Fact]
    public async Task HelpNeedsASignIn()
    {
        await using var app = await MemberScenario.StartAsync();

        await Assert.ThrowsAsync<ForbiddenException>(async () =>
            await app.SendAsync(new GetWorkflowHelp(), new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity())));
    }
}
