using CoGov.Domain.Assessments;
using CoGov.Workflows.Cycles;
using CoGov.Workflows.Systems;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CoGov.Web.Api;

/// <summary>
/// A system's assessment cycles: opening the next, sending its questions, and both sides' signatures; the same
/// requests the system's page, the new-cycle, send and sign-off pages send.
/// </summary>
public static class CyclesApi
{
    /// <summary>A system's cycles and what the token's member may do about them.</summary>
    /// <param name="Cycles">The numbers of the system's cycles, oldest first.</param>
    public sealed record SystemCycles(string OrganisationName, string SystemKey, string SystemName, IReadOnlyList<int> Cycles, SystemActions Actions);

    /// <summary>One cycle and its questions by theme, each with its state, accountable manager and deadline.</summary>
    /// <param name="TimeZoneId">The organisation's time zone, in which its people read deadlines (the times themselves carry their offset).</param>
    /// <param name="OffersSignOff">The sign-off has something for the token's member: to sign now, or signatures to read.</param>
    public sealed record CycleQuestionsView(
        string SystemKey,
        string SystemName,
        int Number,
        string TemplateTitle,
        int TemplateVersion,
        AssessmentState State,
        DateTimeOffset OpenedAt,
        DateTimeOffset DueAt,
        string AccountableManager,
        string TimeZoneId,
        IReadOnlyList<ThemeQuestions> Themes,
        bool OffersSignOff);

    /// <param name="TemplateKey">The questionnaire, one the organisation has adopted (see <c>GetCycleOpening</c>).</param>
    /// <param name="AccountableManagerKey">Who signs the cycle off for management; by default the routing policy's manager for the system.</param>
    /// <param name="DueInDays">Calendar days until the whole cycle is due (7 to 730); by default the policy's cycle length.</param>
    public sealed record OpenCycleBody(string TemplateKey, string? AccountableManagerKey = null, int? DueInDays = null);

    /// <param name="Questions">The questions to send with any choice made for them; leave it out to send every draft where the routing policy says.</param>
    public sealed record SendQuestionsBody(IReadOnlyList<QuestionRouting>? Questions = null);

    public sealed record StatementBody(string Statement);

    /// <summary>The address of a system, as the API's routes name it.</summary>
    public readonly record struct SystemRoute(string OrganisationKey, string SystemKey);

    /// <summary>The address of one cycle, as the API's routes name it.</summary>
    public readonly record struct CycleRoute(string OrganisationKey, string SystemKey, int Cycle);

    private const string System = "/organisations/{organisationKey}/systems/{systemKey}";
    private const string Cycle = System + "/cycles/{cycle:int}";
    private const string CycleReload = System + "/cycles/{cycle}";

    public static RouteGroupBuilder MapCyclesApi(this RouteGroupBuilder api)
    {
        var cycles = api.MapGroup("").WithTags("Cycles");

        cycles.MapGet(System + "/cycles", async ([AsParameters] SystemRoute route, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var view = await mediator.Send(new GetSystemQuestions(route.OrganisationKey, route.SystemKey), cancellationToken);
                return TypedResults.Ok(new SystemCycles(view.OrganisationName, view.System.Key, view.System.Name, view.Cycles, view.Actions));
            })
            .WithName("GetSystemCycles")
            .WithSummary("A system's cycles by number, and whether the token's member may open the next or send the newest's questions.");

        cycles.MapGet(Cycle, async ([AsParameters] CycleRoute route, IMediator mediator, CancellationToken cancellationToken) =>
                TypedResults.Ok(await ReadCycleAsync(mediator, route, cancellationToken)))
            .WithName("GetCycle")
            .WithSummary("One cycle of a system with its questions by theme: each question's state, accountable manager, deadline and latest answer.");

        cycles.MapGet(System + "/cycles/new", async ([AsParameters] SystemRoute route, IMediator mediator, CancellationToken cancellationToken) =>
                TypedResults.Ok(await mediator.Send(new GetCycleOpening(route.OrganisationKey, route.SystemKey), cancellationToken)))
            .WithName("GetCycleOpening")
            .WithSummary("What opening the system's next cycle needs: the adopted questionnaires, the accountable managers and the routing policy's choices.");

        cycles.MapPost(System + "/cycles", async Task<Created<CycleQuestionsView>> (
                [AsParameters] SystemRoute route, OpenCycleBody body, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var number = await mediator.Send(
                    new OpenCycle(route.OrganisationKey, route.SystemKey, body.TemplateKey, body.AccountableManagerKey, body.DueInDays), cancellationToken);
                var opened = new CycleRoute(route.OrganisationKey, route.SystemKey, number);
                return TypedResults.Created(
                    $"{ApiRegistration.Prefix}/organisations/{Uri.EscapeDataString(route.OrganisationKey)}/systems/{Uri.EscapeDataString(route.SystemKey)}/cycles/{number}",
                    await ReadCycleAsync(mediator, opened, cancellationToken));
            })
            .WithName("OpenCycle")
            .WithSummary("The workers' side opens the system's next cycle on a questionnaire; its questions start as drafts, with answers of a signed cycle carried over.")
            .ProducesCommandProblems()
            .ReloadFrom(System + "/cycles");

        cycles.MapGet(Cycle + "/send", async ([AsParameters] CycleRoute route, IMediator mediator, CancellationToken cancellationToken) =>
                TypedResults.Ok(await mediator.Send(new GetSendPlan(route.OrganisationKey, route.SystemKey, route.Cycle), cancellationToken)))
            .WithName("GetSendPlan")
            .WithSummary("The cycle's draft questions by theme, each with the accountable manager and working days the routing policy would give it.");

        cycles.MapPost(Cycle + "/send", async ([AsParameters] CycleRoute route, SendQuestionsBody body, IMediator mediator, CancellationToken cancellationToken) =>
            {
                await mediator.Send(new SendQuestions(route.OrganisationKey, route.SystemKey, route.Cycle, body.Questions), cancellationToken);
                return TypedResults.Ok(await ReadCycleAsync(mediator, route, cancellationToken));
            })
            .WithName("SendQuestions")
            .WithSummary("The workers' side sends the cycle's questions to named accountable managers, each with its deadline; without a list, every draft as the routing policy says.")
            .ProducesCommandProblems()
            .ReloadFrom(CycleReload);

        cycles.MapGet(Cycle + "/sign-off", async ([AsParameters] CycleRoute route, IMediator mediator, CancellationToken cancellationToken) =>
                TypedResults.Ok(await mediator.Send(new GetSignOff(route.OrganisationKey, route.SystemKey, route.Cycle), cancellationToken)))
            .WithName("GetSignOff")
            .WithSummary("The cycle's sign-off: where its questions stand, which are unsettled, both sides' signatures, and whether the token's member may sign now.");

        cycles.MapPost(Cycle + "/sign-off", async ([AsParameters] CycleRoute route, StatementBody body, IMediator mediator, CancellationToken cancellationToken) =>
            {
                await mediator.Send(new SignOffCycle(route.OrganisationKey, route.SystemKey, route.Cycle, body.Statement), cancellationToken);
                return TypedResults.Ok(await mediator.Send(new GetSignOff(route.OrganisationKey, route.SystemKey, route.Cycle), cancellationToken));
            })
            .WithName("SignOffCycle")
            .WithSummary("The cycle's accountable manager signs it off for management with a statement, once every question is settled.")
            .ProducesCommandProblems()
            .ReloadFrom(CycleReload + "/sign-off");

        cycles.MapPost(Cycle + "/countersign", async ([AsParameters] CycleRoute route, StatementBody body, IMediator mediator, CancellationToken cancellationToken) =>
            {
                await mediator.Send(new CountersignCycle(route.OrganisationKey, route.SystemKey, route.Cycle, body.Statement), cancellationToken);
                return TypedResults.Ok(await mediator.Send(new GetSignOff(route.OrganisationKey, route.SystemKey, route.Cycle), cancellationToken));
            })
            .WithName("CountersignCycle")
            .WithSummary("A workers'-side member of the joint committee countersigns a cycle management signed off; the cycle becomes read-only.")
            .ProducesCommandProblems()
            .ReloadFrom(CycleReload + "/sign-off");

        return api;
    }

    private static async Task<CycleQuestionsView> ReadCycleAsync(IMediator mediator, CycleRoute route, CancellationToken cancellationToken)
    {
        var view = await mediator.Send(new GetSystemQuestions(route.OrganisationKey, route.SystemKey, route.Cycle), cancellationToken);
        // GetSystemQuestions answers a cycle it has, or refuses with not-found: asked by number, there is always one.
        var cycle = view.Cycle!;
        return new CycleQuestionsView(view.System.Key, view.System.Name, cycle.Number, cycle.TemplateTitle, cycle.TemplateVersion, cycle.State,
            cycle.OpenedAt, cycle.DueAt, cycle.AccountableManager, cycle.TimeZone.Id, cycle.Themes, cycle.OffersSignOff);
    }
}
