using System.Diagnostics;
using System.Net;
using System.Security.Claims;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using CoGov.Workflows.Chasing;
using CoGov.Workflows.Common;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Persistence;
using CoGov.Workflows.Seeding;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoGov.Bench.Web;

internal sealed record Timing(TimeSpan Median, TimeSpan Fastest, TimeSpan Slowest, int Runs, long Bytes)
{
    public static async Task<Timing> OfAsync(int runs, Func<Task<long>> run)
    {
        var times = new List<TimeSpan>(runs);
        long bytes = 0;
        for (var i = 0; i < runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            bytes = await run();
            times.Add(Stopwatch.GetElapsedTime(started));
        }
        times.Sort();
        return new Timing(times[times.Count / 2], times[0], times[^1], runs, bytes);
    }
}

internal sealed record ChaseFigures(
    string OrganisationKey, int Systems, int OpenQuestions, ChaseTotals Totals, DateTimeOffset Now, TimeSpan Generation,
    Timing Page, Timing Query, Timing AllPage, Timing AllQuery);

/// <summary>
/// (2) The chase board's server time with 10,000 open questions in one organisation: the questions are made by the
/// engine benchmark's <see cref="DataGenerator"/> (one organisation, enough systems of 19 questions), the clock is set
/// past every deadline so that all of them are on the board, and the workers' steward opens it, through the real login
/// and HttpClient, and through the mediator alone.
/// </summary>
internal static class ChaseBoardTiming
{
    private const int Warm = 3;

    /// <summary>What the page asks for unless told to show everything (Chase.razor's RowsPerSection).</summary>
    private const int PageRowsPerSection = 100;

    public static async Task<ChaseFigures> MeasureAsync(WebBenchApp app, int questions, int runs, string password, Action<string> progress)
    {
        var systems = (questions + 18) / 19;
        var data = await DataGenerator.GenerateAsync(app.Services, 1, systems, progress);
        await DataGenerator.VerifyAsync(app.Services, data);
        var organisationKey = data.Organisations[0].Key;
        var steward = $"steward@{organisationKey}.example";
        var stewardId = await StewardLoginAsync(app.Services, organisationKey, password, steward);

        // Four weeks on, every generated question is past its deadline: the whole organisation is on the board.
        var now = DataGenerator.Monday.AddDays(28);
        app.Clock.AdjustTime(now);
        var open = await OpenQuestionsAsync(app.Services, organisationKey);

        using var client = await SignedInClientAsync(app.Address, steward, password);
        var page = $"organisations/{organisationKey}/chase";
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, stewardId)], authenticationType: "Bench"));

        async Task<long> Get(string url)
        {
            using var response = await client.GetAsync(url);
            var body = await response.Content.ReadAsByteArrayAsync();
            return response.StatusCode == HttpStatusCode.OK ? body.LongLength : throw new InvalidOperationException($"GET {url}: {response.StatusCode}");
        }
        ChaseBoard? board = null;
        async Task<long> Query(int? perSection)
        {
            await using var scope = app.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<UserContext>().SignIn(principal);
            board = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new GetChaseBoard(organisationKey, perSection));
            return board.Overdue.Count + board.DueThisWeek.Count + board.WaitingOnUs.Count;
        }

        progress($"chase board: {Warm} warm-up GETs, then {runs} timed GETs and {runs} queries through the mediator ...");
        await Timing.OfAsync(Warm, () => Get(page));
        await Timing.OfAsync(Warm, () => Query(PageRowsPerSection));
        var pageTiming = await Timing.OfAsync(runs, () => Get(page));
        var queryTiming = await Timing.OfAsync(runs, () => Query(PageRowsPerSection));
        var totals = board!.Totals;

        progress("chase board with ?all=true (every row rendered) ...");
        var fewer = Math.Max(3, runs / 3);
        await Get(page + "?all=true");
        var allPage = await Timing.OfAsync(fewer, () => Get(page + "?all=true"));
        var allQuery = await Timing.OfAsync(fewer, () => Query(null));
        return new ChaseFigures(organisationKey, systems, open, totals, now, data.Took, pageTiming, queryTiming, allPage, allQuery);
    }

    /// <summary>
    /// A password login for the generated organisation's steward, made the way the demo's logins are (the generator
    /// makes logins for the two managers only, without passwords).
    /// </summary>
    private static async Task<string> StewardLoginAsync(IServiceProvider services, string organisationKey, string password, string email)
    {
        await using var scope = services.CreateAsyncScope();
        var accounts = $"""
            organisation: {organisationKey}
            password: {password}
            accounts:
              - person: steward
                roles: [{Roles.Steward}]
            """;
        await scope.ServiceProvider.GetRequiredService<DemoAccounts>().EnsureAsync("bench.accounts.yaml", accounts, CancellationToken.None);
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<CoGovUser>>().FindByEmailAsync(email)
            ?? throw new InvalidOperationException($"No login {email} was made.");
        return user.Id;
    }

    private static async Task<int> OpenQuestionsAsync(IServiceProvider services, string organisationKey)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoGovDbContext>();
        return await (
                from q in db.QuestionItems
                join a in db.Assessments on q.AssessmentId equals a.Id
                join o in db.Organisations on a.OrganisationId equals o.Id
                where o.Key == organisationKey && a.State != Domain.Assessments.AssessmentState.SignedOff
                    && q.State != Domain.Assessments.QuestionState.Accepted && q.State != Domain.Assessments.QuestionState.Resolved
                    && q.State != Domain.Assessments.QuestionState.Withdrawn && q.State != Domain.Assessments.QuestionState.Draft
                select q.Id)
            .CountAsync();
    }

    /// <summary>Signs in through the real login form, as a browser would, and keeps the cookie.</summary>
    private static async Task<HttpClient> SignedInClientAsync(Uri address, string email, string password)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = address };
        using var loginPage = await client.GetAsync("Account/Login");
        var document = new HtmlParser().ParseDocument(await loginPage.Content.ReadAsStringAsync());
        var form = document.QuerySelectorAll("form").OfType<IHtmlFormElement>()
                .FirstOrDefault(f => f.Elements.OfType<IHtmlInputElement>().Any(i => i.Name == "Input.Email"))
            ?? throw new InvalidOperationException("The login page has no login form.");
        var fields = form.Elements.OfType<IHtmlInputElement>()
            .Where(i => i.Type == "hidden" && !string.IsNullOrEmpty(i.Name))
            .Select(i => new KeyValuePair<string, string>(i.Name!, i.Value))
            .Append(new("Input.Email", email))
            .Append(new("Input.Password", password));
        using var response = await client.PostAsync("Account/Login", new FormUrlEncodedContent(fields));
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Signing in as {email} failed: {response.StatusCode}.");
        }
        return client;
    }
}
