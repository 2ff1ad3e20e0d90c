using System.Globalization;
using CoGov.Domain.Common;
using CoGov.Domain.Systems;
using CoGov.Workflows.Organisations;
using CoGov.Workflows.Policies;
using CoGov.Workflows.Systems;
using Mediator;

namespace CoGov.Web.Api;

/// <summary>
/// The register of algorithmic systems: each entry, its history and status, and where its questions go. An entry's
/// version is its ETag: a change sends it back as If-Match (or as expectedVersion), so one made since is not overwritten.
/// </summary>
public static class SystemsApi
{
    /// <param name="Version">The entry's version, also its ETag: a change sends it back.</param>
    /// <param name="MayKeepRegister">The token's member may edit the entry and change its status.</param>
    /// <param name="NextStatuses">The statuses it may move to: those after the current one, none once retired.</param>
    public sealed record SystemView(
        SystemDetail System, int Version, string? LastChangedBy, DateTimeOffset? LastChangedAt, bool MayKeepRegister, IReadOnlyList<SystemStatus> NextStatuses);

    /// <param name="Key">The key in the system's address; made from the name when empty.</param>
    /// <param name="StatusSince">The day the status began; today when not given.</param>
    public sealed record RegisterSystemBody(
        string? Key,
        string Name,
        string Purpose,
        string Vendor,
        Sourcing Sourcing,
        string? ContractNotes,
        IReadOnlyList<string>? PersonalData,
        string Department,
        SystemStatus Status = SystemStatus.InUse,
        DateOnly? StatusSince = null,
        string? OwnerKey = null,
        string? Contact = null,
        string? DecisionsSupported = null,
        string? HumanOversight = null,
        string? DataSources = null,
        string? StorageJurisdiction = null,
        string? Retention = null,
        string? WorkersAffected = null,
        int? WorkersAffectedCount = null,
        IReadOnlyList<ImpactAssessmentLink>? ImpactAssessments = null);

    /// <param name="ExpectedVersion">The version the change is made from, when no If-Match header gives it.</param>
    public sealed record EditSystemBody(
        string Name,
        string Purpose,
        string Vendor,
        Sourcing Sourcing,
        string? ContractNotes,
        IReadOnlyList<string>? PersonalData,
        string Department,
        string? OwnerKey = null,
        string? Contact = null,
        string? DecisionsSupported = null,
        string? HumanOversight = null,
        string? DataSources = null,
        string? StorageJurisdiction = null,
        string? Retention = null,
        string? WorkersAffected = null,
        int? WorkersAffectedCount = null,
        IReadOnlyList<ImpactAssessmentLink>? ImpactAssessments = null,
        int? ExpectedVersion = null);

    /// <param name="Since">The day the new status began; today when not given.</param>
    /// <param name="Reason">Why; needed to retire a system.</param>
    /// <param name="ExpectedVersion">The version the change is made from, when no If-Match header gives it.</param>
    public sealed record ChangeSystemStatusBody(SystemStatus Status, DateOnly? Since, string? Reason, int? ExpectedVersion = null);

    /// <param name="DefaultManagerKey">The system's own accountable manager; empty to follow the organisation's.</param>
    /// <param name="ManagerByTheme">The system's own manager for a theme, overriding the organisation's.</param>
    /// <param name="ReassessmentIntervalMonths">The system's own interval; null to follow the organisation's.</param>
    /// <param name="BasedOnVersion">The routing policy's version the change is made from, when no If-Match header gives it.</param>
    public sealed record ChangeSystemRoutingBody(
        string? DefaultManagerKey, IReadOnlyList<ThemeManagerChoice>? ManagerByTheme, int? ReassessmentIntervalMonths, int? BasedOnVersion = null);

    public static RouteGroupBuilder MapSystemsApi(this RouteGroupBuilder api)
    {
        var systems = api.MapGroup("/organisations/{organisationKey}/systems").WithTags("Systems");

        systems.MapGet("", async (string organisationKey, string? after, int? limit, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var overview = await mediator.Send(new GetOrganisation(organisationKey), cancellationToken);
                return TypedResults.Ok(ApiPaging.Page(overview.Systems, s => ApiPaging.Key(s.Name, s.Key), after, limit));
            })
            .WithName("ListSystems")
            .WithSummary("The organisation's algorithmic systems by name, each with where its newest cycle stands and how many questions are open or overdue.")
            .ProducesPageProblems();

        systems.MapGet("/new/owners", async (string organisationKey, string? after, int? limit, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var registration = await mediator.Send(new GetSystemRegistration(organisationKey), cancellationToken);
                return TypedResults.Ok(ApiPaging.Page(registration.People, p => ApiPaging.Key(p.Name, p.Key), after, limit));
            })
            .WithName("ListSystemOwnerChoices")
            .WithSummary("Whom a system's owner may be chosen from: the organisation's people not retired, by name.")
            .ProducesPageProblems();

        systems.MapPost("", async (string organisationKey, RegisterSystemBody body, IMediator mediator, HttpContext context, CancellationToken cancellationToken) =>
            {
                var key = await mediator.Send(new RegisterSystem(
                    organisationKey, body.Key, body.Name ?? "", body.Purpose ?? "", body.Vendor ?? "", body.Sourcing, body.ContractNotes, body.PersonalData ?? [],
                    body.Department ?? "", body.Status, body.StatusSince, body.OwnerKey, body.Contact, body.DecisionsSupported, body.HumanOversight,
                    body.DataSources, body.StorageJurisdiction, body.Retention, body.WorkersAffected, body.WorkersAffectedCount, body.ImpactAssessments), cancellationToken);
                var view = await ReadSystemAsync(mediator, context, organisationKey, key, cancellationToken);
                return TypedResults.Created($"{ApiRegistration.Prefix}/organisations/{Uri.EscapeDataString(organisationKey)}/systems/{Uri.EscapeDataString(key)}", view);
            })
            .WithName("RegisterSystem")
            .WithSummary("Puts an algorithmic system on the organisation's register; answers its entry, at its new address.")
            .ProducesCommandProblems()
            .ReloadFrom("/organisations/{organisationKey}/systems");

        systems.MapGet("/{systemKey}", async (string organisationKey, string systemKey, IMediator mediator, HttpContext context, CancellationToken cancellationToken) =>
                TypedResults.Ok(await ReadSystemAsync(mediator, context, organisationKey, systemKey, cancellationToken)))
            .WithName("GetSystem")
            .WithSummary("A system's register entry: what it does, who supplies and owns it, the data it uses, its status; its ETag is the entry's version.");

        systems.MapPut("/{systemKey}", async (string organisationKey, string systemKey, EditSystemBody body, IMediator mediator, HttpContext context, CancellationToken cancellationToken) =>
            {
                var version = await VersionToChangeAsync(context, body.ExpectedVersion, "expectedVersion",
                    async () => (await mediator.Send(new GetSystem(organisationKey, systemKey), cancellationToken)).Version);
                await mediator.Send(new EditSystem(
                    organisationKey, systemKey, version, body.Name ?? "", body.Purpose ?? "", body.Vendor ?? "", body.Sourcing, body.ContractNotes,
                    body.PersonalData ?? [], body.Department ?? "", body.OwnerKey, body.Contact, body.DecisionsSupported, body.HumanOversight, body.DataSources,
                    body.StorageJurisdiction, body.Retention, body.WorkersAffected, body.WorkersAffectedCount, body.ImpactAssessments), cancellationToken);
                return TypedResults.Ok(await ReadSystemAsync(mediator, context, organisationKey, systemKey, cancellationToken));
            })
            .WithName("EditSystem")
            .WithSummary("Replaces a system's register entry (its key and status stay); send its ETag as If-Match: 412 when someone saved another version since.")
            .ProducesCommandProblems()
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ReloadFrom("/organisations/{organisationKey}/systems/{systemKey}");

        systems.MapPost("/{systemKey}/status", async (string organisationKey, string systemKey, ChangeSystemStatusBody body, IMediator mediator, HttpContext context, CancellationToken cancellationToken) =>
            {
                var version = await VersionToChangeAsync(context, body.ExpectedVersion, "expectedVersion",
                    async () => (await mediator.Send(new GetSystem(organisationKey, systemKey), cancellationToken)).Version);
                await mediator.Send(new ChangeSystemStatus(organisationKey, systemKey, version, body.Status, body.Since, body.Reason), cancellationToken);
                return TypedResults.Ok(await ReadSystemAsync(mediator, context, organisationKey, systemKey, cancellationToken));
            })
            .WithName("ChangeSystemStatus")
            .WithSummary("Moves a system on to its next status (pilot, in use) or retires it, with the day and the reason; send its ETag as If-Match.")
            .ProducesCommandProblems()
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ReloadFrom("/organisations/{organisationKey}/systems/{systemKey}");

        systems.MapGet("/{systemKey}/history", async (string organisationKey, string systemKey, string? after, int? limit, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var history = await mediator.Send(new GetSystemHistory(organisationKey, systemKey), cancellationToken);
                return TypedResults.Ok(ApiPaging.Page(history.Versions, v => ApiPaging.Key(v.Number), after, limit));
            })
            .WithName("ListSystemHistory")
            .WithSummary("Every version of a system's register entry, oldest first: who changed it, when, and each field's value before and after.")
            .ProducesPageProblems();

        systems.MapGet("/{systemKey}/routing", async (string organisationKey, string systemKey, IMediator mediator, HttpContext context, CancellationToken cancellationToken) =>
                TypedResults.Ok(await ReadRoutingAsync(mediator, context, organisationKey, systemKey, cancellationToken)))
            .WithName("GetSystemRouting")
            .WithSummary("Where a system's questions go: its own accountable managers and reassessment interval, or the organisation's; its ETag is the routing policy's version.");

        systems.MapPut("/{systemKey}/routing", async (string organisationKey, string systemKey, ChangeSystemRoutingBody body, IMediator mediator, HttpContext context, CancellationToken cancellationToken) =>
            {
                var version = await VersionToChangeAsync(context, body.BasedOnVersion, "basedOnVersion",
                    async () => (await mediator.Send(new GetSystemRoutingForm(organisationKey, systemKey), cancellationToken)).Version);
                await mediator.Send(new ChangeSystemRouting(organisationKey, systemKey, version, body.DefaultManagerKey, body.ManagerByTheme ?? [], body.ReassessmentIntervalMonths), cancellationToken);
                return TypedResults.Ok(await ReadRoutingAsync(mediator, context, organisationKey, systemKey, cancellationToken));
            })
            .WithName("ChangeSystemRouting")
            .WithSummary("Gives a system its own accountable managers and reassessment interval, as a new version of the routing policy; send the ETag as If-Match.")
            .ProducesCommandProblems()
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ReloadFrom("/organisations/{organisationKey}/systems/{systemKey}/routing");

        return api;
    }

    /// <summary>The ETag of a version the engine counts (a register entry's, the routing policy's).</summary>
    public static string VersionTag(int version) => ApiETags.Of(version.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// The version a change is made from: the current one when If-Match names it (412 when it names another), else the
    /// one the body gives. One of them is needed, since a change made from no version would overwrite any made since.
    /// The current version is read first in any case, so what is not the token's to see answers 404 before anything else.
    /// </summary>
    public static async Task<int> VersionToChangeAsync(HttpContext context, int? given, string field, Func<Task<int>> current)
    {
        var version = await current();
        if (context.Request.Headers.IfMatch.Count == 0)
        {
            return given ?? throw ApiProblems.InputRejected(field,
                new Phrase("Send the ETag you read as If-Match, or the version as {0}, so that a change made since is not overwritten.", field));
        }
        ApiETags.RequireMatch(context, VersionTag(version));
        return version;
    }

    private static async Task<SystemView> ReadSystemAsync(IMediator mediator, HttpContext context, string organisationKey, string systemKey, CancellationToken cancellationToken)
    {
        var view = await mediator.Send(new GetSystem(organisationKey, systemKey), cancellationToken);
        ApiETags.Set(context, VersionTag(view.Version));
        return new SystemView(view.System, view.Version, view.LastChangedBy, view.LastChangedAt, view.MayKeepRegister, view.NextStatuses);
    }

    private static async Task<SystemRoutingForm> ReadRoutingAsync(IMediator mediator, HttpContext context, string organisationKey, string systemKey, CancellationToken cancellationToken)
    {
        var routing = await mediator.Send(new GetSystemRoutingForm(organisationKey, systemKey), cancellationToken);
        ApiETags.Set(context, VersionTag(routing.Version));
        return routing;
    }
}
