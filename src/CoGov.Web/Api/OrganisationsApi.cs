using CoGov.Workflows.Organisations;
using Mediator;

namespace CoGov.Web.Api;

/// <summary>The organisation itself: its front page, its audit log, and whether it requires a second factor.</summary>
public static class OrganisationsApi
{
    public sealed record TwoFactorRequirementView(bool Required);

    public sealed record ChangeTwoFactorRequirementBody(bool Required);

    public static RouteGroupBuilder MapOrganisationsApi(this RouteGroupBuilder api)
    {
        var organisation = api.MapGroup("/organisations/{organisationKey}").WithTags("Organisations");

        organisation.MapGet("", async (string organisationKey, IMediator mediator, CancellationToken cancellationToken) =>
                TypedResults.Ok(await mediator.Send(new GetOrganisation(organisationKey), cancellationToken)))
            .WithName("GetOrganisation")
            .WithSummary("The organisation: its joint committee, and its algorithmic systems with where each one's newest cycle stands.");

        organisation.MapGet("/audit", async (string organisationKey, string? after, int? limit, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var log = await mediator.Send(new GetAuditLog(organisationKey), cancellationToken);
                // Newest first, as the log reads: by time, then by identity (inverted, so it too sorts descending), as the query orders them.
                return TypedResults.Ok(ApiPaging.Page(log.Entries, e => ApiPaging.Key(long.MaxValue - e.At.UtcTicks, new Guid([.. e.Id.ToByteArray().Select(b => (byte)~b)])), after, limit));
            })
            .WithName("ListAuditLog")
            .WithSummary("The organisation's audit log, newest first: every administrative change to its people, committee, register and policy; for its administrators and both chairs.")
            .ProducesPageProblems();

        organisation.MapGet("/two-factor-requirement", async (string organisationKey, IMediator mediator, CancellationToken cancellationToken) =>
                TypedResults.Ok(new TwoFactorRequirementView(await mediator.Send(new GetTwoFactorRequirement(organisationKey), cancellationToken))))
            .WithName("GetTwoFactorRequirement")
            .WithSummary("Whether the organisation requires its administrators and committee chairs to use a second factor.");

        organisation.MapPut("/two-factor-requirement", async (string organisationKey, ChangeTwoFactorRequirementBody body, IMediator mediator, CancellationToken cancellationToken) =>
            {
                await mediator.Send(new ChangeTwoFactorRequirement(organisationKey, body.Required), cancellationToken);
                return TypedResults.Ok(new TwoFactorRequirementView(await mediator.Send(new GetTwoFactorRequirement(organisationKey), cancellationToken)));
            })
            .WithName("ChangeTwoFactorRequirement")
            .WithSummary("Requires, or stops requiring, a second factor of the organisation's administrators and chairs; turning it off is written to the audit log.")
            .ProducesCommandProblems()
            .ReloadFrom("/organisations/{organisationKey}/two-factor-requirement");

        return api;
    }
}
