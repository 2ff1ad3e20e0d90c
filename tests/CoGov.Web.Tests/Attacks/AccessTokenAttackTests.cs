using System.Net;
using System.Security.Claims;
using CoGov.Web.Api;
using CoGov.Web.Tests.Api;
using CoGov.Workflows.AccessTokens;
using CoGov.Workflows.Common;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Members;
using CoGov.Workflows.Organisations;
using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoGov.Web.Tests.Attacks;

/// <summary>
/// A personal access token is a password a program holds, so it is what an attacker tries: a guessed or altered token,
/// one revoked, expired, of a removed member or a locked login, a read-only token made to write, a token taken to
/// another organisation, a token made to mint another. Each is refused and nothing is stored.
/// </summary>
[Trait("Category", "Attack")]
public sealed class AccessTokenAttackTests(CoGovWebApp app) : IClassFixture<CoGovWebApp>
{
    private const string R = DemoLogins.Organisation;

    [Fact]
    public async Task AGuessedOrAlteredTokenIsRefusedAs401AndStoresNothing()
    {
        var real = (await app.CreateTokenAsync(DemoLogins.Amara, R)).Secret;
        var before = await AttackSurface.FingerprintAsync(app);
        string[] guesses =
        [
            real[..^1] + (real[^1] == 'A' ? 'B' : 'A'),
            real.ToUpperInvariant(),
            real[PersonalAccessToken.Prefix.Length..],
            PersonalAccessToken.Hash(real),
            PersonalAccessToken.Prefix + new string('A', 43),
            PersonalAccessToken.Prefix + new string('x', 5000),
        ];

        foreach (var guess in guesses)
        {
            var response = await app.ApiClientWith(guess).GetAsync("/api/v1/token");
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Contains("error=\"invalid_token\"", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
            Assert.Equal(ApiProblemTypes.Unauthorized, (await response.ProblemAsync()).Type);
        }
        Assert.Equal(before, await AttackSurface.FingerprintAsync(app));
    }

    [Fact]
    public async Task AnExpiredTokenIsRefusedFromTheMomentItExpires()
    {
        var created = await app.CreateTokenAsync(DemoLogins.Leila, R, days: 1);
        var client = app.ApiClientWith(created.Secret);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/token")).StatusCode);

        app.Clock.Advance(created.ExpiresAt - app.Clock.GetUtcNow());

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/token")).StatusCode);
    }

    [Fact]
    public async Task ARemovedMembersTokenIsRefusedAtItsNextRequest()
    {
        var client = await app.ApiClientAsync(DemoLogins.Priya, R);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/token")).StatusCode);

        await app.SendAsAsync(DemoLogins.Admin, new RemoveMember(R, await AttackSurface.UserIdAsync(app, DemoLogins.Priya), LockLogin: false));

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/token")).StatusCode);
    }

    [Fact]
    public async Task ALockedLoginsTokenIsRefused()
    {
        var client = await app.ApiClientAsync(DemoLogins.Kwame, R);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<CoGovUser>>();
            var kwame = (await users.FindByEmailAsync(DemoLogins.Kwame))!;
            await users.SetLockoutEndDateAsync(kwame, app.Clock.GetUtcNow().AddHours(1));
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/token")).StatusCode);
    }

    [Fact]
    public async Task AReadOnlyTokenMayNotWriteAndTheRefusalChangesNothing()
    {
        var client = await app.ApiClientAsync(DemoLogins.Helen, R, TokenAccess.ReadOnly);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/token")).StatusCode);
        var before = await AttackSurface.FingerprintAsync(app);

        var response = await client.DeleteAsync("/api/v1/token");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(ApiProblemTypes.Forbidden, (await response.ProblemAsync()).Type);
        Assert.Equal(before, await AttackSurface.FingerprintAsync(app));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/token")).StatusCode);
    }

    [Fact]
    public async Task ATokenReachesNoOtherOrganisationNorAnythingAboutNone()
    {
        var created = await app.CreateTokenAsync(DemoLogins.Admin, R);
        var before = await AttackSurface.FingerprintAsync(app);

        // The pipeline is asked with the token's grant as the bearer handler makes it.
        Assert.IsType<ForbiddenException>(await OutcomeAsync(created, new GetMyOrganisations()));
        Assert.IsType<ForbiddenException>(await OutcomeAsync(created, new GetMyAccessTokens()));
        Assert.IsType<Domain.Common.DomainRuleException>(await OutcomeAsync(created, new CreatePersonalAccessToken(R, "Minted", TokenAccess.ReadWrite, 366)));
        Assert.Null(await OutcomeAsync(created, new GetOrganisation(R)));

        Assert.Equal(before, await AttackSurface.FingerprintAsync(app));
    }

    [Fact]
    public async Task ATokenOfOneOrganisationIsNotFoundInAnotherEvenWhenItsLoginBelongsToBoth()
    {
        var amara = await AttackSurface.UserIdAsync(app, DemoLogins.Amara);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Workflows.Persistence.CoGovDbContext>();
            var northfield = await db.Organisations.SingleAsync(o => o.Key == OtherOrganisation.Key);
            db.Memberships.Add(new Membership(amara, northfield.Id, personId: null, [Roles.Steward]));
            await db.SaveChangesAsync();
        }
        var created = await app.CreateTokenAsync(DemoLogins.Amara, R);

        // Signed in, Amara reads both; with the hospital's token, Northfield is not there.
        Assert.NotNull(await app.SendAsAsync(DemoLogins.Amara, new GetOrganisation(OtherOrganisation.Key)));
        Assert.IsType<NotFoundException>(await OutcomeAsync(created, new GetOrganisation(OtherOrganisation.Key), amara));
        Assert.Null(await OutcomeAsync(created, new GetOrganisation(R), amara));
    }

    [Fact]
    public async Task ARunawayProgramIsSlowedPerTokenWithAProblemAndRetryAfterWhileOtherTokensGoOn()
    {
        await using var limited = app.WithWebHostBuilder(b => b.UseSetting($"RateLimits:{CoGov.Web.Infrastructure.RateLimits.Api}:PermitLimit", "3"));
        var runaway = await limited.ApiClientAsync(DemoLogins.Daniel, R, TokenAccess.ReadOnly);
        var other = await limited.ApiClientAsync(DemoLogins.Helen, R, TokenAccess.ReadOnly);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await runaway.GetAsync("/api/v1/token")).StatusCode);
        }
        var refused = await runaway.GetAsync("/api/v1/token");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(ApiProblemTypes.TooManyRequests, (await refused.ProblemAsync()).Type);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/v1/token")).StatusCode);
    }

    /// <summary>The exception the pipeline answers a request sent with the token's grant, or null when it was let through.</summary>
    private async Task<Exception?> OutcomeAsync(CreatedAccessToken token, object request, string? userId = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        userId ??= await AttackSurface.UserIdAsync(app, DemoLogins.Admin);
        var db = scope.ServiceProvider.GetRequiredService<Workflows.Persistence.CoGovDbContext>();
        var row = await db.AccessTokens.AsNoTracking().SingleAsync(t => t.Id == token.Id);
        var grant = new AccessTokenGrant(token.Id, (await db.Organisations.SingleAsync(o => o.Id == row.OrganisationId)).Key, row.Access);
        scope.ServiceProvider.GetRequiredService<UserContext>().SignIn(
            new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId), .. grant.Claims()], BearerTokenAuthentication.SchemeName)));
        try
        {
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }
}
