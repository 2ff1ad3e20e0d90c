using CoGov.Domain.Common;
using CoGov.Workflows.Chasing;
using Mediator;

namespace CoGov.Web.Api;

/// <summary>
/// The workers' side's chase board and a manager's own questions, as the chase and my-questions pages show them, in
/// pages: a large organisation's board runs to thousands of rows.
/// </summary>
public static class ChasingApi
{
    /// <summary>The board's sections, in the order the board lists them.</summary>
    public enum ChaseSection
    {
        /// <summary>With a manager no member of the organisation answers for: reassign it.</summary>
        NeedsReassignment,

        /// <summary>Past the deadline, oldest deadline first.</summary>
        Overdue,

        /// <summary>Due within the next seven days, soonest first.</summary>
        DueThisWeek,

        /// <summary>An answer to review or more time to decide on, longest waiting first.</summary>
        WaitingOnUs,
    }

    /// <summary>One row of the chase board and the section it is in.</summary>
    public sealed record ChaseItem(ChaseSection Section, ChaseRow Question);

    /// <param name="ViewerIsWorkersSide">The board is the token's member's own side's ("waiting on us"); others see it to read.</param>
    /// <param name="Totals">How many questions each section holds.</param>
    public sealed record ChaseSummary(string OrganisationName, bool ViewerIsWorkersSide, ChaseTotals Totals);

    public readonly record struct OrganisationRoute(string OrganisationKey);

    private const string Organisation = "/organisations/{organisationKey}";

    public static RouteGroupBuilder MapChasingApi(this RouteGroupBuilder api)
    {
        var chasing = api.MapGroup(Organisation).WithTags("Chasing");

        chasing.MapGet("/chase", async ([AsParameters] OrganisationRoute route, string? section, string? after, int? limit, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var only = ParseSection(section);
                var board = await mediator.Send(new GetChaseBoard(route.OrganisationKey), cancellationToken);
                var rows = Sections(board).Where(item => only is null || item.Section == only);
                return TypedResults.Ok(ApiPaging.Page(rows, SortKey, after, limit));
            })
            .WithName("GetChaseBoard")
            .WithSummary("The chase board across every open cycle, one page at a time: what needs reassigning, what is overdue, what falls due this week and what waits on the workers' side.")
            .WithDescription("Rows come section by section, each in the board's order (by deadline, or by how long it waits), each row naming its section; `section` limits the list to one. Pass a page's `next` as `after` for the next page.")
            .ProducesPageProblems();

        chasing.MapGet("/chase/totals", async ([AsParameters] OrganisationRoute route, IMediator mediator, CancellationToken cancellationToken) =>
            {
                // One row per section is enough to count them all: the query counts every section whatever it lists.
                var board = await mediator.Send(new GetChaseBoard(route.OrganisationKey, PerSection: 1), cancellationToken);
                return TypedResults.Ok(new ChaseSummary(board.OrganisationName, board.ViewerIsWorkersSide, board.Totals));
            })
            .WithName("GetChaseTotals")
            .WithSummary("How many questions each section of the chase board holds, and whether the board is the token's member's own side's.");

        chasing.MapGet("/my-questions", async ([AsParameters] OrganisationRoute route, string? after, int? limit, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var mine = await mediator.Send(new GetMyQuestions(route.OrganisationKey), cancellationToken);
                // The list's own order, with the system's key (unique) in place of its name as the tie-break.
                return TypedResults.Ok(ApiPaging.Page(mine.Questions,
                    q => ApiPaging.Key(q.Standing(), q.Deadline, q.SystemKey, q.Cycle, q.Number), after, limit));
            })
            .WithName("GetMyQuestions")
            .WithSummary("The questions routed to the token's member, as accountable manager or delegate, in cycles not yet signed off: overdue first, then by deadline, then what waits on the workers' side, then what is settled.")
            .ProducesPageProblems();

        return api;
    }

    private static IEnumerable<ChaseItem> Sections(ChaseBoard board) =>
        board.NeedsReassignment.Select(row => new ChaseItem(ChaseSection.NeedsReassignment, row))
            .Concat(board.Overdue.Select(row => new ChaseItem(ChaseSection.Overdue, row)))
            .Concat(board.DueThisWeek.Select(row => new ChaseItem(ChaseSection.DueThisWeek, row)))
            .Concat(board.WaitingOnUs.Select(row => new ChaseItem(ChaseSection.WaitingOnUs, row)));

    /// <summary>
    /// The board's own order within each section, with the system's key (unique, unlike its name) before the cycle and
    /// the number as the tail; a row without a deadline waiting to be reassigned comes last, as on the board.
    /// </summary>
    private static string SortKey(ChaseItem item) => ApiPaging.Key(
        item.Section,
        item.Section == ChaseSection.WaitingOnUs ? item.Question.WaitingSince : item.Question.Deadline ?? DateTimeOffset.MaxValue,
        item.Question.SystemKey,
        item.Question.Cycle,
        item.Question.Number);

    private static ChaseSection? ParseSection(string? section) =>
        section is null ? null
        : Enum.TryParse<ChaseSection>(section, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed
        : throw ApiProblems.InputRejected("section", new Phrase("The board has no section '{0}': it has {1}.", section, string.Join(", ", Enum.GetNames<ChaseSection>())));
}
