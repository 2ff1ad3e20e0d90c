using System.Globalization;
using CoGov.Domain.Policies;
using CoGov.Web.Infrastructure;
using CoGov.Workflows.Import;
using CoGov.Workflows.Policies;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace CoGov.Web.Api;

/// <summary>
/// The organisation's routing policy: who answers which theme, how long they have, whom an overdue question escalates
/// to, and its working calendar. Each change is a new version; the version in force is the ETag a change sends back.
/// </summary>
public static class PoliciesApi
{
    /// <param name="Version">The version in force, also the ETag: a change is made from it.</param>
    /// <param name="Spec">The policy in force, as a change gives it.</param>
    /// <param name="Managers">The managers a theme may go to: every manager still here, and any the policy names who has since retired.</param>
    /// <param name="Themes">Every theme of the organisation's questionnaires, by title.</param>
    public sealed record PolicyFormView(int Version, RoutingPolicySpec Spec, IReadOnlyList<ManagerChoice> Managers, IReadOnlyList<ThemeChoice> Themes);

    /// <param name="BasedOnVersion">The version the change is made from, when no If-Match header gives it.</param>
    public sealed record ChangeRoutingPolicyBody(
        string? DefaultManagerKey,
        IReadOnlyList<ThemeManagerChoice>? ManagerByTheme,
        int DefaultDeadlineDays,
        IReadOnlyList<ThemeDeadlineChoice>? DeadlineDaysByTheme,
        int ClarificationDeadlineDays,
        IReadOnlyList<int>? ReminderDaysBeforeDue,
        IReadOnlyList<EscalationStep>? Escalation,
        int EscalationIntervalDays,
        int ReassessmentIntervalMonths,
        int CycleLengthDays,
        int? BasedOnVersion = null);

    /// <param name="TimeZone">An IANA name, such as Europe/London.</param>
    /// <param name="Holidays">The days no one is expected to answer, besides weekends.</param>
    /// <param name="BasedOnVersion">The version the change is made from, when no If-Match header gives it.</param>
    public sealed record ChangeWorkingCalendarBody(string TimeZone, IReadOnlyList<DateOnly>? Holidays, int? BasedOnVersion = null);

    /// <param name="FileName">The file's name, which problems in it are reported against.</param>
    /// <param name="Content">The file's text, in the YAML the policy's download gives.</param>
    public sealed record ImportFileBody(string FileName, string Content);

    public static RouteGroupBuilder MapPoliciesApi(this RouteGroupBuilder api)
    {
        var policy = api.MapGroup("/organisations/{organisationKey}/policy").WithTags("Policy");

        policy.MapGet("", async (string organisationKey, IMediator mediator, HttpContext context, CancellationToken cancellationToken) =>
                TypedResults.Ok(await ReadPolicyAsync(mediator, context, organisationKey, cancellationToken)))
            .WithName("GetRoutingPolicy")
            .WithSummary("The routing policy in force: managers by theme, deadlines, reminders, escalation, reassessment, each system's own routing, and the policy as a file.");

        policy.MapGet("/history", async (string organisationKey, string? after, int? limit, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var history = await mediator.Send(new GetPolicyHistory(organisationKey), cancellationToken);
                return TypedResults.Ok(ApiPaging.Page(history.Versions, v => ApiPaging.Key(int.MaxValue - v.Number), after, limit));
            })
            .WithName("ListPolicyHistory")
            .WithSummary("Every version of the routing policy, newest first: who changed what and when, and each version as a file.")
            .ProducesPageProblems();

        policy.MapGet("/form", async (string organisationKey, IMediator mediator, HttpContext context, CancellationToken cancellationToken) =>
            {
                var form = await mediator.Send(new GetPolicyForm(organisationKey), cancellationToken);
                ApiETags.Set(context, SystemsApi.VersionTag(form.Version));
                return TypedResults.Ok(new PolicyFormView(form.Version, form.Spec, form.Managers, form.Themes));
            })
            .WithName("GetPolicyForm")
            .WithSummary("The policy in force as a change is made from it, with the managers and themes a change may name; its ETag is the version.");

        policy.MapPut("/routing", async (string organisationKey, ChangeRoutingPolicyBody body, IMediator mediator, HttpContext context, CancellationToken cancellationToken) =>
            {
                var version = await VersionToChangeAsync(mediator, context, organisationKey, body.BasedOnVersion, cancellationToken);
                await mediator.Send(new ChangeRoutingPolicy(
                    organisationKey, version, body.DefaultManagerKey, body.ManagerByTheme ?? [], body.DefaultDeadlineDays, body.DeadlineDaysByTheme ?? [],
                    body.ClarificationDeadlineDays, body.ReminderDaysBeforeDue ?? [], body.Escalation ?? [], body.EscalationIntervalDays,
                    body.ReassessmentIntervalMonths, body.CycleLengthDays), cancellationToken);
                return TypedResults.Ok(await ReadPolicyAsync(mediator, context, organisationKey, cancellationToken));
            })
            .WithName("ChangeRoutingPolicy")
            .WithSummary("Puts a new version of the routing policy in force: managers by theme, deadlines, reminders, escalation and reassessment; send the ETag as If-Match.")
            .ProducesCommandProblems()
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ReloadFrom("/organisations/{organisationKey}/policy/form");

        policy.MapPut("/calendar", async (string organisationKey, ChangeWorkingCalendarBody body, IMediator mediator, HttpContext context, CancellationToken cancellationToken) =>
            {
                var version = await VersionToChangeAsync(mediator, context, organisationKey, body.BasedOnVersion, cancellationToken);
                await mediator.Send(new ChangeWorkingCalendar(organisationKey, version, body.TimeZone ?? "", body.Holidays ?? []), cancellationToken);
                return TypedResults.Ok(await ReadPolicyAsync(mediator, context, organisationKey, cancellationToken));
            })
            .WithName("ChangeWorkingCalendar")
            .WithSummary("Changes the working calendar deadlines are counted in, its time zone and holidays, as a new version of the policy; send the ETag as If-Match.")
            .ProducesCommandProblems()
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ReloadFrom("/organisations/{organisationKey}/policy/form");

        policy.MapPost("/import", async Task<Results<Ok<RoutingPolicyView>, ValidationProblem>> (
                string organisationKey, ImportFileBody body, IMediator mediator, HttpContext context, IStringLocalizer<Refusals> refusals, CancellationToken cancellationToken) =>
            {
                var result = await mediator.Send(new ImportRoutingPolicy(organisationKey, body.FileName ?? "", body.Content ?? ""), cancellationToken);
                if (!result.Succeeded)
                {
                    return ImportProblem(result, refusals);
                }
                return TypedResults.Ok(await ReadPolicyAsync(mediator, context, organisationKey, cancellationToken));
            })
            .WithName("ImportRoutingPolicy")
            .WithSummary("Puts a policy file (YAML, as the policy's own download gives it) in force as a new version; a file with problems changes nothing and lists each.")
            .ProducesCommandProblems()
            .ReloadFrom("/organisations/{organisationKey}/policy");

        return api;
    }

    /// <summary>A file an import refused: each problem at its place in the file, in the reader's language; nothing was changed.</summary>
    public static ValidationProblem ImportProblem(ImportResult result, IStringLocalizer<Refusals> refusals) =>
        ApiProblems.Validation(result.Errors
            .GroupBy(e => string.IsNullOrEmpty(e.Field) ? "content" : e.Field, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => Where(e) + refusals.Say(e.Text)).ToArray(), StringComparer.Ordinal));

    private static string Where(ImportError error) =>
        error.Line > 0 ? string.Create(CultureInfo.InvariantCulture, $"{error.File}:{error.Line}:{error.Column}: ") : $"{error.File}: ";

    private static Task<int> VersionToChangeAsync(IMediator mediator, HttpContext context, string organisationKey, int? given, CancellationToken cancellationToken) =>
        SystemsApi.VersionToChangeAsync(context, given, "basedOnVersion",
            async () => (await mediator.Send(new GetPolicyForm(organisationKey), cancellationToken)).Version);

    private static async Task<RoutingPolicyView> ReadPolicyAsync(IMediator mediator, HttpContext context, string organisationKey, CancellationToken cancellationToken)
    {
        var policy = await mediator.Send(new GetRoutingPolicy(organisationKey), cancellationToken);
        if (policy.Version is { } version)
        {
            ApiETags.Set(context, SystemsApi.VersionTag(version));
        }
        return policy;
    }
}
