using CoGov.Domain.Organisations;
using CoGov.Web.Infrastructure;
using CoGov.Workflows.Committee;
using CoGov.Workflows.People;
using Mediator;
using Microsoft.Extensions.Localization;

namespace CoGov.Web.Api;

/// <summary>The joint committee: its seats and quorum, its dashboard, its agenda of challenges, and the cycles it has seen through.</summary>
public static class CommitteeApi
{
    /// <param name="ParityProblem">What keeps the committee from parity now, in the reader's language, or null.</param>
    public sealed record CommitteeView(string CommitteeName, IReadOnlyList<SeatView> Seats, QuorumView Quorum, string? ParityProblem);

    public sealed record SeatView(string PersonKey, string Name, Side Side, string Title, CommitteeRole Role);

    /// <summary>When the committee may decide: at least so many present from each side and, when sidesEqual, as many from one as from the other.</summary>
    public sealed record QuorumView(int MinimumPerSide, bool SidesEqual);

    /// <param name="Seats">Every seat the committee has afterwards; a person not named holds none.</param>
    public sealed record ChangeCommitteeSeatsBody(IReadOnlyList<SeatChoice>? Seats);

    public sealed record ChangeQuorumRuleBody(int MinimumPerSide, bool SidesEqual);

    public static RouteGroupBuilder MapCommitteeApi(this RouteGroupBuilder api)
    {
        var committee = api.MapGroup("/organisations/{organisationKey}/committee").WithTags("Committee");

        committee.MapGet("", async (string organisationKey, IMediator mediator, IStringLocalizer<Refusals> refusals, CancellationToken cancellationToken) =>
                TypedResults.Ok(await ReadCommitteeAsync(mediator, refusals, organisationKey, cancellationToken)))
            .WithName("GetCommittee")
            .WithSummary("The joint committee's seats on both sides, its quorum rule, and what keeps it from parity, if anything.");

        committee.MapPut("/seats", async (string organisationKey, ChangeCommitteeSeatsBody body, IMediator mediator, IStringLocalizer<Refusals> refusals, CancellationToken cancellationToken) =>
            {
                await mediator.Send(new ChangeCommitteeSeats(organisationKey, body.Seats ?? []), cancellationToken);
                return TypedResults.Ok(await ReadCommitteeAsync(mediator, refusals, organisationKey, cancellationToken));
            })
            .WithName("ChangeCommitteeSeats")
            .WithSummary("Sets who sits on the joint committee and in which role: the seats given are the committee's seats afterwards.")
            .ProducesCommandProblems()
            .ReloadFrom("/organisations/{organisationKey}/committee");

        committee.MapPut("/quorum", async (string organisationKey, ChangeQuorumRuleBody body, IMediator mediator, IStringLocalizer<Refusals> refusals, CancellationToken cancellationToken) =>
            {
                await mediator.Send(new ChangeQuorumRule(organisationKey, body.MinimumPerSide, body.SidesEqual), cancellationToken);
                return TypedResults.Ok(await ReadCommitteeAsync(mediator, refusals, organisationKey, cancellationToken));
            })
            .WithName("ChangeQuorumRule")
            .WithSummary("Changes when the committee may decide: how many present from each side, and whether the sides must be equal.")
            .ProducesCommandProblems()
            .ReloadFrom("/organisations/{organisationKey}/committee");

        committee.MapGet("/dashboard", async (string organisationKey, IMediator mediator, CancellationToken cancellationToken) =>
                TypedResults.Ok(await mediator.Send(new GetCommitteeDashboard(organisationKey), cancellationToken)))
            .WithName("GetCommitteeDashboard")
            .WithSummary("The committee's dashboard: open, overdue and challenged questions, each system's themes at a glance, the overdue trend and the cycles coming up.");

        committee.MapGet("/agenda", async (string organisationKey, string? after, int? limit, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var agenda = await mediator.Send(new GetCommitteeAgenda(organisationKey), cancellationToken);
                return TypedResults.Ok(ApiPaging.Page(agenda.Items, i => ApiPaging.Key(i.SystemName, i.SystemKey, i.Cycle, i.Number), after, limit));
            })
            .WithName("ListCommitteeAgenda")
            .WithSummary("The committee's agenda: every challenged answer awaiting its resolution, with the question's history, by system, cycle and number.")
            .ProducesPageProblems();

        committee.MapGet("/history", async (string organisationKey, string? after, int? limit, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var history = await mediator.Send(new GetCycleHistory(organisationKey), cancellationToken);
                // Newest opened first, as the page lists them.
                return TypedResults.Ok(ApiPaging.Page(history.Cycles,
                    c => ApiPaging.Key(long.MaxValue - c.OpenedAt.UtcTicks, c.SystemName, c.SystemKey, int.MaxValue - c.Cycle), after, limit));
            })
            .WithName("ListCycleHistory")
            .WithSummary("Every cycle of every system, newest opened first: its questionnaire, where it stands, its signatures and how its questions were settled.")
            .ProducesPageProblems();

        return api;
    }

    private static async Task<CommitteeView> ReadCommitteeAsync(IMediator mediator, IStringLocalizer<Refusals> refusals, string organisationKey, CancellationToken cancellationToken)
    {
        // The same read the committee's page makes: the seats are the people's, so keys come with them.
        var people = await mediator.Send(new GetPeople(organisationKey), cancellationToken);
        return new CommitteeView(
            people.CommitteeName,
            [.. people.People.Where(p => p.Seat is not null).Select(p => new SeatView(p.Key, p.Name, p.Side, p.Title, p.Seat!.Value))],
            new QuorumView(people.Quorum.MinimumPerSide, people.Quorum.SidesEqual),
            people.ParityProblem is { } problem ? refusals.Say(problem) : null);
    }
}
