using System.Net;
using CoGov.Workflows.Calendar;
using CoGov.Workflows.Committee;
using CoGov.Workflows.Members;
using static CoGov.Web.Tests.Calendar.CalendarFeedSteps;

namespace CoGov.Web.Tests.Attacks;

/// <summary>
/// A calendar feed's address is its only credential, so it is what an attacker tries: a guessed secret, a stopped or
/// replaced address, another organisation's address, the address of a member since removed. Each answers 404 and
/// nothing is stored or sent by asking; another organisation's feed shows nothing of this one.
/// </summary>
[Trait("Category", "Attack")]
public sealed class CalendarFeedAttackTests(CoGovWebApp app) : IClassFixture<CoGovWebApp>
{
    private const string R = DemoLogins.Organisation;

    [Fact]
    public async Task AGuessedOrMalformedSecretAnswers404AndStoresNothing()
    {
        var real = await MakeAddressAsync(app, DemoLogins.Daniel, R);
        var secret = real[(real.LastIndexOf('/') + 1)..^4];
        var before = await AttackSurface.FingerprintAsync(app);
        string[] guesses =
        [
            $"/calendar/{Flip(secret)}.ics",
            $"/calendar/{secret[..^1]}.ics",
            $"/calendar/{secret.ToUpperInvariant()}.ics",
            $"/calendar/{new string('A', 43)}.ics",
            $"/calendar/{new string('x', 4000)}.ics",
            $"/calendar/{Workflows.Calendar.CalendarFeed.Hash(secret)}.ics",
            "/calendar/.ics",
            $"/calendar/{secret}",
        ];

        foreach (var guess in guesses)
        {
            var response = await FetchAsync(app, guess);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{guess[..Math.Min(guess.Length, 80)]} answered {response.StatusCode}.");
            Assert.DoesNotContain("BEGIN:VCALENDAR", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.Equal(before, await AttackSurface.FingerprintAsync(app));
        Assert.Equal(HttpStatusCode.OK, (await FetchAsync(app, real)).StatusCode);
    }

    [Fact]
    public async Task AStoppedOrReplacedAddressAnswers404AndStoresNothing()
    {
        var replaced = await MakeAddressAsync(app, DemoLogins.Helen, R);
        var current = await MakeAddressAsync(app, DemoLogins.Helen, R);
        var stopped = await MakeAddressAsync(app, DemoLogins.Kwame, R);
        await StopAsync(app, DemoLogins.Kwame, R);
        var before = await AttackSurface.FingerprintAsync(app);

        Assert.Equal(HttpStatusCode.NotFound, (await FetchAsync(app, replaced)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await FetchAsync(app, stopped)).StatusCode);

        Assert.Equal(before, await AttackSurface.FingerprintAsync(app));
        Assert.Equal(HttpStatusCode.OK, (await FetchAsync(app, current)).StatusCode);
    }

    [Fact]
    public async Task AnotherOrganisationsFeedShowsNothingOfThisOrganisation()
    {
        await AttackSurface.NorthfieldStewardUserIdAsync(app);
        var northfield = await MakeAddressAsync(app, OtherOrganisation.Steward, OtherOrganisation.Key);
        var northfieldCommittee = await MakeAddressAsync(app, OtherOrganisation.Steward, OtherOrganisation.Key, CalendarFeedKind.Committee);
        var before = await AttackSurface.FingerprintAsync(app);

        foreach (var address in new[] { northfield, northfieldCommittee })
        {
            var (text, calendar) = await ReadAsync(app, address);
            Assert.DoesNotContain(R, text, StringComparison.Ordinal);
            Assert.DoesNotContain("Riverside", text, StringComparison.Ordinal);
            foreach (var hospitalSystem in new[] { "rostering", "staff-monitoring", "applicant-screening", "ShiftWise" })
            {
                Assert.DoesNotContain(hospitalSystem, text, StringComparison.OrdinalIgnoreCase);
            }
            Assert.All(calendar.Events, e => Assert.Contains($"/organisations/{OtherOrganisation.Key}/", e.Description, StringComparison.Ordinal));
        }
        Assert.Equal(before, await AttackSurface.FingerprintAsync(app));
    }

    [Fact]
    public async Task ARemovedMembersFeedAnswers404AndAMemberLeavingTheCommitteeLosesItsFeed()
    {
        var tomasz = await MakeAddressAsync(app, DemoLogins.Tomasz, R);
        var amaraCommittee = await MakeAddressAsync(app, DemoLogins.Amara, R, CalendarFeedKind.Committee);
        Assert.Equal(HttpStatusCode.OK, (await FetchAsync(app, tomasz)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await FetchAsync(app, amaraCommittee)).StatusCode);

        await SendAsAsync(app, DemoLogins.Admin, new RemoveMember(R, await AttackSurface.UserIdAsync(app, DemoLogins.Tomasz)));
        // Amara's seat goes; Leila and Helen keep the chairs.
        await SendAsAsync(app, DemoLogins.Admin, new ChangeCommitteeSeats(R,
            [new SeatChoice("leila-haddad", Domain.Organisations.CommitteeRole.Chair), new SeatChoice("helen-marsh", Domain.Organisations.CommitteeRole.Chair)]));
        var before = await AttackSurface.FingerprintAsync(app);

        Assert.Equal(HttpStatusCode.NotFound, (await FetchAsync(app, tomasz)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await FetchAsync(app, amaraCommittee)).StatusCode);

        Assert.Equal(before, await AttackSurface.FingerprintAsync(app));
    }

    private static string Flip(string secret) => (secret[0] == 'A' ? 'B' : 'A') + secret[1..];
}
