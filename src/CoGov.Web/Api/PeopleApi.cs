using CoGov.Domain.Organisations;
using CoGov.Web.Components.Account.Pages;
using CoGov.Web.Infrastructure;
using CoGov.Workflows.Members;
using CoGov.Workflows.People;
using Mediator;
using OrganisationPage = CoGov.Web.Components.Pages.Organisations.Organisation;

namespace CoGov.Web.Api;

/// <summary>The organisation's people, and its members: the logins that may sign in to it, with their roles.</summary>
public static class PeopleApi
{
    /// <param name="Key">The person's key for addresses and files; empty to make one from the name.</param>
    /// <param name="SuperiorKey">For a manager: the manager overdue questions escalate to.</param>
    public sealed record AddPersonBody(string Name, string Email, Side Side, string? Title, string? Department = null, string? SuperiorKey = null, string? Key = null);

    /// <summary>What may be corrected of a person: their key and side stay as they are.</summary>
    public sealed record EditPersonBody(string Name, string Email, string? Title, string? Department = null, string? SuperiorKey = null);

    /// <param name="Email">For someone who is none of the organisation's people; for one of them, empty or their recorded address.</param>
    /// <param name="PersonKey">The person the login is for, or empty for someone who is none of them (an administrator, an officer).</param>
    public sealed record InviteMemberBody(string? Email, string? PersonKey, IReadOnlyList<string>? Roles);

    /// <param name="Roles">The roles the member holds in this organisation afterwards.</param>
    public sealed record ChangeMemberRolesBody(IReadOnlyList<string>? Roles);

    public static RouteGroupBuilder MapPeopleApi(this RouteGroupBuilder api)
    {
        var people = api.MapGroup("/organisations/{organisationKey}/people").WithTags("People");

        people.MapGet("", async (string organisationKey, string? after, int? limit, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var overview = await mediator.Send(new GetPeople(organisationKey), cancellationToken);
                return TypedResults.Ok(ApiPaging.Page(overview.People, p => ApiPaging.Key(p.Side, p.IsRetired ? 1 : 0, p.Name, p.Key), after, limit));
            })
            .WithName("ListPeople")
            .WithSummary("Everyone the organisation ever added, by side and name, the retired last on each side, each with their committee seat.")
            .ProducesPageProblems();

        people.MapGet("/{personKey}", async (string organisationKey, string personKey, IMediator mediator, CancellationToken cancellationToken) =>
                TypedResults.Ok(await ReadPersonAsync(mediator, organisationKey, personKey, cancellationToken)))
            .WithName("GetPerson")
            .WithSummary("One of the organisation's people: side, title, department, address, superior, seat, and when they retired.");

        people.MapPost("", async (string organisationKey, AddPersonBody body, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var key = await mediator.Send(
                    new AddPerson(organisationKey, body.Name, body.Email, body.Side, body.Title, body.Department, body.SuperiorKey, body.Key), cancellationToken);
                return TypedResults.Created(
                    $"{ApiRegistration.Prefix}/organisations/{Uri.EscapeDataString(organisationKey)}/people/{Uri.EscapeDataString(key)}",
                    await ReadPersonAsync(mediator, organisationKey, key, cancellationToken));
            })
            .WithName("AddPerson")
            .WithSummary("Adds one of the organisation's people, on the workers' or the management side; answers them with their key.")
            .ProducesCommandProblems()
            .ReloadFrom("/organisations/{organisationKey}/people");

        people.MapPut("/{personKey}", async (string organisationKey, string personKey, EditPersonBody body, IMediator mediator, CancellationToken cancellationToken) =>
            {
                await mediator.Send(new EditPerson(organisationKey, personKey, body.Name, body.Email, body.Title, body.Department, body.SuperiorKey), cancellationToken);
                return TypedResults.Ok(await ReadPersonAsync(mediator, organisationKey, personKey, cancellationToken));
            })
            .WithName("EditPerson")
            .WithSummary("Corrects what the organisation records of a person; their key and side stay as they are.")
            .ProducesCommandProblems()
            .ReloadFrom("/organisations/{organisationKey}/people/{personKey}");

        people.MapPost("/{personKey}/retire", async (string organisationKey, string personKey, IMediator mediator, CancellationToken cancellationToken) =>
            {
                await mediator.Send(new RetirePerson(organisationKey, personKey), cancellationToken);
                return TypedResults.Ok(await ReadPersonAsync(mediator, organisationKey, personKey, cancellationToken));
            })
            .WithName("RetirePerson")
            .WithSummary("Retires a person who no longer takes part: they stay in every log and record, and can no longer be chosen for anything new.")
            .ProducesCommandProblems()
            .ReloadFrom("/organisations/{organisationKey}/people/{personKey}");

        var members = api.MapGroup("/organisations/{organisationKey}/members").WithTags("People");

        members.MapGet("", async (string organisationKey, string? after, int? limit, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var overview = await mediator.Send(new GetMembers(organisationKey), cancellationToken);
                return TypedResults.Ok(ApiPaging.Page(overview.Members, MemberKey, after, limit));
            })
            .WithName("ListMembers")
            .WithSummary("The organisation's members: each login, the person it is, its roles here, and whether its invitation is still waiting.")
            .ProducesPageProblems();

        members.MapGet("/invitable", async (string organisationKey, string? after, int? limit, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var overview = await mediator.Send(new GetMembers(organisationKey), cancellationToken);
                return TypedResults.Ok(ApiPaging.Page(overview.Invitable, p => ApiPaging.Key(p.Side, p.Name, p.Key), after, limit));
            })
            .WithName("ListInvitablePeople")
            .WithSummary("The organisation's people who have no login in it yet, by side and name: whom an invitation may be for.")
            .ProducesPageProblems();

        members.MapPost("", async (string organisationKey, InviteMemberBody body, IMediator mediator, PublicOrigin origin, CancellationToken cancellationToken) =>
                // The links in the mail are built from the configured origin, as the page's are, never from this request's Host.
                TypedResults.Ok(await mediator.Send(new InviteMember(organisationKey, body.Email, body.PersonKey, body.Roles ?? [],
                    origin.Link(AcceptInvitation.Url()), origin.Link(OrganisationPage.Url(organisationKey))), cancellationToken)))
            .WithName("InviteMember")
            .WithSummary("Invites someone by e-mail, with their roles: a new login gets a link to choose a password, an existing one a mail saying it was added.")
            .ProducesCommandProblems()
            .ReloadFrom("/organisations/{organisationKey}/members");

        members.MapPut("/{userId}/roles", async (string organisationKey, string userId, ChangeMemberRolesBody body, IMediator mediator, CancellationToken cancellationToken) =>
            {
                await mediator.Send(new ChangeMemberRoles(organisationKey, userId, body.Roles ?? []), cancellationToken);
                var overview = await mediator.Send(new GetMembers(organisationKey), cancellationToken);
                return TypedResults.Ok(overview.Members.Single(m => m.UserId == userId));
            })
            .WithName("ChangeMemberRoles")
            .WithSummary("Sets the roles a member holds in this organisation: those given are the ones they hold afterwards, from their next request.")
            .ProducesCommandProblems()
            .ReloadFrom("/organisations/{organisationKey}/members");

        members.MapDelete("/{userId}", async (string organisationKey, string userId, bool? lockLogin, IMediator mediator, CancellationToken cancellationToken) =>
                TypedResults.Ok(await mediator.Send(new RemoveMember(organisationKey, userId, lockLogin ?? false), cancellationToken)))
            .WithName("RemoveMember")
            .WithSummary("Removes a member from the organisation; with lockLogin, a login that then belongs to no organisation can no longer sign in at all.")
            .ProducesCommandProblems()
            .ReloadFrom("/organisations/{organisationKey}/members");

        members.MapDelete("/{userId}/invitation", async (string organisationKey, string userId, IMediator mediator, CancellationToken cancellationToken) =>
            {
                await mediator.Send(new RevokeInvitation(organisationKey, userId), cancellationToken);
                return TypedResults.NoContent();
            })
            .WithName("RevokeInvitation")
            .WithSummary("Revokes an invitation not yet accepted: the link in its mail no longer brings them into this organisation.")
            .ProducesCommandProblems()
            .ReloadFrom("/organisations/{organisationKey}/members");

        return api;
    }

    /// <summary>The members as the page lists them: people by name, then logins that are nobody's, by address.</summary>
    private static string MemberKey(MemberRow member) => ApiPaging.Key(member.PersonName is null ? 1 : 0, member.PersonName ?? member.Email, member.UserId);

    private static async Task<PersonRow> ReadPersonAsync(IMediator mediator, string organisationKey, string personKey, CancellationToken cancellationToken) =>
        (await mediator.Send(new GetPerson(organisationKey, personKey), cancellationToken)).Person;
}
