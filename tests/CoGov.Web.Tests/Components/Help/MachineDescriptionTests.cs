using System.Text.RegularExpressions;
using Bunit;
using CoGov.Domain.Assessments;
using CoGov.Web.Components.Help;
using CoGov.Workflows.Help;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace CoGov.Web.Tests.Components.Help;

public sealed class MachineDescriptionTests : BunitContext
{
    private static readonly MachineHelp Questions = MachineHelp.From(QuestionItem.Describe());

    public MachineDescriptionTests()
    {
        Services.AddLocalization();
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    [Fact]
    public void EveryStateAndMoveOfTheMachineIsListedEvenWithoutWordsForIt()
    {
        var description = Render(Questions, new Dictionary<string, MachineDescription.StateWords>(), new Dictionary<string, MachineDescription.MoveWords>());

        var states = description.FindAll("li.cogov-machine-state");
        Assert.Equal(Questions.States.Select(s => s.State), states.Select(s => s.GetAttribute("data-state")));
        Assert.Equal(Questions.States.Sum(s => s.Moves.Count), description.FindAll("li[data-trigger]").Count);
        // With no words, the machine's own names stand in, so nothing the engine allows is hidden.
        Assert.Equal("Send: it becomes Sent. Who may: the workers' side.", Text(description.Find("li[data-state=Draft] li[data-trigger=Send]")));
        Assert.Contains("(where it starts)", description.Find("li[data-state=Draft] h3").TextContent);
        Assert.Equal("question-Draft", states[0].Id);
    }

    [Fact]
    public void WordsGivenForStatesAndMovesAreUsedForTheDestinationsToo()
    {
        var description = Render(
            Questions,
            new Dictionary<string, MachineDescription.StateWords>
            {
                ["ExtensionRequested"] = new("More time asked", "The clock is stopped."),
                ["Sent"] = new("Awaiting answer", "With the manager."),
                ["ClarificationRequested"] = new("Clarification asked", "Back with the manager."),
            },
            new Dictionary<string, MachineDescription.MoveWords> { ["RefuseExtension"] = new("Refuse more time") });

        var state = description.Find("li[data-state=ExtensionRequested]");
        Assert.Equal("More time asked", state.QuerySelector("h3")!.TextContent.Trim());
        Assert.Equal("The clock is stopped.", state.QuerySelector("p")!.TextContent);
        Assert.Equal(
            "Refuse more time: it goes back to Awaiting answer if it was sent, or Clarification asked if it was back for clarification. Who may: the workers' side.",
            Text(state.QuerySelector("li[data-trigger=RefuseExtension]")!));
        Assert.Equal("Reassign: it stays where it is. Who may: the workers' side.", Text(description.Find("li[data-state=Sent] li[data-trigger=Reassign]")));
    }

    [Fact]
    public void AFinalStateSaysSoAndAMoveWithoutAGuardTakesThePagesWordsForWho()
    {
        var cycle = MachineHelp.From(Assessment.Describe());

        var description = Render(
            cycle,
            new Dictionary<string, MachineDescription.StateWords>(),
            new Dictionary<string, MachineDescription.MoveWords> { ["AllSettled"] = new("The last question is settled", "By itself.") },
            "cycle");

        Assert.Contains("Nothing moves it on from here.", description.Find("li[data-state=SignedOff]").TextContent);
        Assert.Empty(description.FindAll("li[data-state=SignedOff] li"));
        Assert.Equal("The last question is settled: it becomes AwaitingSignOff. By itself.", Text(description.Find("li[data-state=Open] li[data-trigger=AllSettled]")));
        Assert.Equal("QuestionsSent: it becomes AwaitingAnswers.", Text(description.Find("li[data-state=Open] li[data-trigger=QuestionsSent]")));
    }

    private IRenderedComponent<MachineDescription> Render(
        MachineHelp machine,
        IReadOnlyDictionary<string, MachineDescription.StateWords> states,
        IReadOnlyDictionary<string, MachineDescription.MoveWords> moves,
        string prefix = "question") =>
        Render<MachineDescription>(p => p
            .Add(c => c.Machine, machine)
            .Add(c => c.States, states)
            .Add(c => c.Moves, moves)
            .Add(c => c.IdPrefix, prefix));

    private static string Text(AngleSharp.Dom.IElement element) => Regex.Replace(element.TextContent, @"\s+", " ").Trim();
}
