using System.Net;
using AngleSharp.Html.Dom;
using CoGov.Domain.Assessments;
using CoGov.Workflows.Persistence;
using CoGov.Workflows.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoGov.Web.Tests.Components.Pages.Questions;

/// <summary>
/// The question page as each side sees it, on the demo's rostering cycle 2: question 4 answered, 11 challenged, 13
/// answered. Nothing here changes the data for good (a refused action changes nothing), so the tests share one app;
/// <see cref="QuestionPageActionTests"/> changes questions on an app of its own.
/// </summary>
public sealed class QuestionPageTests(CoGovWebApp app) : IClassFixture<CoGovWebApp>
{
    private const string Rostering = "/organisations/riverside-hospital/systems/rostering";

    [Fact]
    public async Task AStewardOnAnAnsweredQuestionIsOfferedAcceptClarifyAndChallengeAndNoAnswerForm()
    {
        using var client = await app.SignedInClientAsync(DemoLogins.Steward);

        var response = await client.GetAsync(QuestionPage.Url(4));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await CoGovWebApp.ParseAsync(response);
        Assert.Equal("Question 4", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(["accept", "clarify", "challenge"], QuestionPage.FormNames(page));
        Assert.Null(page.QuerySelector("textarea[data-draft^='answer:']"));
        Assert.Contains("Answer to review", page.QuerySelector(".cogov-facts")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Clock stopped", page.QuerySelector(".cogov-facts")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("organisations/riverside-hospital/systems/rostering?cycle=2", page.QuerySelector(".cogov-back a")!.GetAttribute("href"));
        // Every field a person fills in has a label.
        Assert.All(page.QuerySelectorAll(".cogov-actions textarea, .cogov-actions select, .cogov-actions input:not([type=hidden])"),
            field => Assert.NotNull(page.QuerySelector($"label[for='{field.Id}']")));
    }

    [Fact]
    public async Task TheThreadShowsEachEntryOldestFirstWithTheAnswerRenderedAndTheLogVerified()
    {
        using var client = await app.SignedInClientAsync(DemoLogins.Steward);

        var page = await CoGovWebApp.ParseAsync(await client.GetAsync(QuestionPage.Url(4)));

        var entries = page.QuerySelectorAll("li.cogov-entry").ToList();
        var sequences = entries.Select(e => int.Parse(e.Id!["entry-".Length..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(sequences.Order(), sequences);
        Assert.Equal("Sent", entries[0].QuerySelector(".cogov-entry-kind")!.TextContent.Trim());
        var answer = entries.Single(e => e.QuerySelector(".cogov-entry-kind")!.TextContent.Trim() == "Answered");
        Assert.Contains("Daniel Reyes", answer.QuerySelector(".cogov-entry-who")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(answer.QuerySelector(".cogov-markdown p"));
        Assert.Contains("Calderbrook has updated its written description", answer.TextContent, StringComparison.Ordinal);
        var intact = page.QuerySelector(".cogov-log-intact")!;
        Assert.Equal(12, intact.QuerySelector("code")!.TextContent.Length);
        Assert.StartsWith(intact.QuerySelector("code")!.TextContent, intact.QuerySelector("code")!.GetAttribute("title"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AChairIsOfferedToRecordTheCommitteesResolutionOfAChallengedQuestion()
    {
        using var client = await app.SignedInClientAsync(DemoLogins.Leila);

        var page = await CoGovWebApp.ParseAsync(await client.GetAsync(QuestionPage.Url(11)));

        Assert.Equal(["resolve"], QuestionPage.FormNames(page));
        Assert.Contains("on the joint committee's agenda", page.QuerySelector(".cogov-facts")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AManagerOnASentQuestionIsOfferedAnswerMoreTimeAndDelegateWithTheOtherManagersToChoose()
    {
        using var client = await app.SignedInClientAsync(DemoLogins.Manager);

        var page = await CoGovWebApp.ParseAsync(await client.GetAsync(QuestionPage.Url(7)));

        Assert.Equal(["answer", "more-time", "delegate"], QuestionPage.FormNames(page));
        var choices = page.QuerySelectorAll("#delegate-to option").Select(o => o.GetAttribute("value")).Where(v => v != "").ToList();
        Assert.Equal(["helen-marsh", "kwame-asante", "priya-nair"], choices);
        Assert.Contains("(overdue)", page.QuerySelector(".cogov-facts")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AManagerPostingAnAcceptTheyWereNotOfferedFindsNothingAndNothingChanges()
    {
        using var client = await app.SignedInClientAsync(DemoLogins.Manager);
        var page = await CoGovWebApp.ParseAsync(await client.GetAsync(QuestionPage.Url(13)));
        Assert.DoesNotContain("accept", QuestionPage.FormNames(page));
        var logBefore = await LogLengthAsync();

        // The accept form as a steward's page has it, with this manager's own antiforgery token: accepting needs the
        // Steward role, which a manager does not hold, and the page answers as it does for anything not theirs.
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var response = await client.PostAsync(QuestionPage.Url(13), new FormUrlEncodedContent(
            [new("_handler", "accept"), new("__RequestVerificationToken", token)]));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(QuestionState.Answered, await StateOfAsync(13));
        Assert.Equal(logBefore, await LogLengthAsync());
    }

    [Fact]
    public async Task ARefusedClarificationKeepsWhatWasTyped()
    {
        using var client = await app.SignedInClientAsync(DemoLogins.Steward);
        var page = await CoGovWebApp.ParseAsync(await client.GetAsync(QuestionPage.Url(13)));
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        // One character over what the record takes, so the steward's own post is refused.
        var typed = "Which wards? <b>All</b> of them? " + new string('x', 20_000);

        var response = await client.PostAsync(QuestionPage.Url(13), new FormUrlEncodedContent(
        [
            new("_handler", "clarify"),
            new("__RequestVerificationToken", token),
            new("Model.WhatIsUnclear", typed),
        ]));

        var refused = await CoGovWebApp.ParseAsync(response);
        var form = QuestionPage.Form(refused, "clarify");
        Assert.NotNull(form.QuerySelector(".cogov-refusal"));
        Assert.Equal(typed, form.QuerySelector("textarea")!.TextContent);
        Assert.Equal(QuestionState.Answered, await StateOfAsync(13));
    }

    [Fact]
    public async Task AStewardOfAnotherOrganisationGetsNotFound()
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoAccounts>().EnsureAsync(OtherOrganisation.AccountsFileName, OtherOrganisation.Accounts, CancellationToken.None);
        }
        using var client = await app.SignedInClientAsync(OtherOrganisation.Steward);

        var response = await client.GetAsync(QuestionPage.Url(4));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("ShiftWise", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Calderbrook", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Rostering + "/cycles/2/questions/99")]
    [InlineData(Rostering + "/cycles/9/questions/4")]
    [InlineData("/organisations/" + OtherOrganisation.Key + "/systems/driver-scheduling/cycles/1/questions/1")]
    public async Task AQuestionThatIsNotThereOrNotYoursIsNotFound(string url)
    {
        using var client = await app.SignedInClientAsync(DemoLogins.Steward);

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private Task<QuestionState> StateOfAsync(int number) => WithDbAsync(db =>
        db.QuestionItems.Where(q => q.Number == number && db.Assessments.Any(a => a.Id == q.AssessmentId && a.Cycle == 2
                && db.Systems.Any(s => s.Id == a.SystemId && s.Key == "rostering")))
            .Select(q => q.State).SingleAsync());

    private Task<int> LogLengthAsync() => WithDbAsync(db =>
        db.Assessments.Where(a => a.Cycle == 2 && db.Systems.Any(s => s.Id == a.SystemId && s.Key == "rostering"))
            .Select(a => a.LogLength).SingleAsync());

    private async Task<T> WithDbAsync<T>(Func<CoGovDbContext, Task<T>> read)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<CoGovDbContext>());
    }
}

/// <summary>Actions taken through the page's real forms; each test acts on a question of its own.</summary>
public sealed class QuestionPageActionTests(CoGovWebApp app) : IClassFixture<CoGovWebApp>
{
    [Fact]
    public async Task TheManagerAnswersThroughTheFormAndAfterTheRedirectTheThreadShowsTheAnswer()
    {
        using var client = await app.SignedInClientAsync(DemoLogins.Manager);
        var page = await CoGovWebApp.ParseAsync(await client.GetAsync(QuestionPage.Url(6)));
        var form = QuestionPage.Form(page, "answer");

        var response = await client.PostAsync(QuestionPage.Url(6), QuestionPage.Fields(form, new()
        {
            ["answer-text"] = "Staff are told **in writing** when Predict is switched on for their ward.",
            ["answer-evidence"] = "https://intranet.example/predict-notice",
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.EndsWith("/cycles/2/questions/6?done=answer", location, StringComparison.Ordinal);
        var after = await CoGovWebApp.ParseAsync(await client.GetAsync(location));
        var answer = after.QuerySelectorAll("li.cogov-entry").Last();
        Assert.Equal("Answered", answer.QuerySelector(".cogov-entry-kind")!.TextContent.Trim());
        Assert.Equal("in writing", answer.QuerySelector(".cogov-markdown strong")!.TextContent);
        var evidence = answer.QuerySelector(".cogov-markdown li a")!;
        Assert.Equal("https://intranet.example/predict-notice", evidence.GetAttribute("href"));
        Assert.Equal("nofollow noopener", evidence.GetAttribute("rel"));
        Assert.Contains("Evidence:", answer.TextContent, StringComparison.Ordinal);
        Assert.NotNull(after.QuerySelector("[data-draft-saved='answer:riverside-hospital:rostering:2:6']"));
        Assert.Contains("Your answer is in the record.", after.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        // The answer is with the workers' side now: the manager has nothing more to do on it.
        Assert.Empty(QuestionPage.FormNames(after));
    }

    [Fact]
    public async Task TheStewardsAcceptThroughTheFormMovesTheQuestionToAccepted()
    {
        using var client = await app.SignedInClientAsync(DemoLogins.Steward);
        var page = await CoGovWebApp.ParseAsync(await client.GetAsync(QuestionPage.Url(4)));

        var response = await client.PostAsync(QuestionPage.Url(4), QuestionPage.Fields(QuestionPage.Form(page, "accept"), []));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await CoGovWebApp.ParseAsync(await client.GetAsync(response.Headers.Location!.OriginalString));
        Assert.Contains("Accepted", after.QuerySelector(".cogov-facts .cogov-state")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Accepted the answer", after.QuerySelectorAll("li.cogov-entry .cogov-entry-kind").Last().TextContent.Trim());
        Assert.Empty(QuestionPage.FormNames(after));
    }

    [Fact]
    public async Task ReloadingAfterAnActionDoesNotSendItAgain()
    {
        using var client = await app.SignedInClientAsync(DemoLogins.Steward);
        var page = await CoGovWebApp.ParseAsync(await client.GetAsync(QuestionPage.Url(9)));
        var response = await client.PostAsync(QuestionPage.Url(9), QuestionPage.Fields(QuestionPage.Form(page, "remind"), []));
        var location = response.Headers.Location!.OriginalString;

        var first = await CoGovWebApp.ParseAsync(await client.GetAsync(location));
        var reloaded = await CoGovWebApp.ParseAsync(await client.GetAsync(location));

        Assert.Equal(first.QuerySelectorAll("li.cogov-entry").Length, reloaded.QuerySelectorAll("li.cogov-entry").Length);
        Assert.Equal("Reminder", reloaded.QuerySelectorAll("li.cogov-entry .cogov-entry-kind").Last().TextContent.Trim());
    }

    [Fact]
    public async Task AnEntryEditedBehindTheAppsBackIsNamedOnThePage()
    {
        const string page = "/organisations/riverside-hospital/systems/staff-monitoring/cycles/1/questions/1";
        // Staff monitoring, so that no other test here reads the cycle whose log is broken.
        int sequence;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CoGovDbContext>();
            var sent = await db.LogEntries
                .Where(e => e.QuestionNumber == 1 && e.Kind == LogEntryKind.Sent
                    && db.Assessments.Any(a => a.Id == e.AssessmentId && a.Cycle == 1 && db.Systems.Any(s => s.Id == a.SystemId && s.Key == "staff-monitoring")))
                .SingleAsync();
            sequence = sent.Sequence;
            await db.DropAppendOnlyTriggersAsync();
            await db.Database.ExecuteSqlAsync($"UPDATE LogEntries SET Text = {"Sent to nobody."} WHERE Id = {sent.Id}");
        }
        using var client = await app.SignedInClientAsync(DemoLogins.Steward);

        var after = await CoGovWebApp.ParseAsync(await client.GetAsync(page));

        var alert = after.QuerySelector(".cogov-log-broken[role=alert]")!;
        Assert.Contains($"entry {sequence}", alert.TextContent, StringComparison.Ordinal);
        Assert.EndsWith($"#entry-{sequence}", alert.QuerySelector("a")!.GetAttribute("href"), StringComparison.Ordinal);
        Assert.NotNull(after.QuerySelector($"#entry-{sequence}.cogov-entry-is-broken"));
        Assert.Null(after.QuerySelector(".cogov-log-intact"));
    }
}

/// <summary>Reading the question page's forms as a browser would post them.</summary>
internal static class QuestionPage
{
    public static string Url(int number) => $"/organisations/riverside-hospital/systems/rostering/cycles/2/questions/{number}";

    /// <summary>The names of the action forms on the page, in page order.</summary>
    public static List<string> FormNames(IHtmlDocument page) =>
        page.QuerySelectorAll(".cogov-actions input[name=_handler]").Select(i => i.GetAttribute("value")!).ToList();

    public static IHtmlFormElement Form(IHtmlDocument page, string name) =>
        page.QuerySelectorAll("form").OfType<IHtmlFormElement>()
            .Single(f => f.QuerySelector($"input[name=_handler][value='{name}']") is not null);

    /// <summary>Every field of the form as rendered (hidden ones too), with the given fields (by id) typed in.</summary>
    public static FormUrlEncodedContent Fields(IHtmlFormElement form, Dictionary<string, string> typed)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name) || element is IHtmlButtonElement)
            {
                continue;
            }
            var value = typed.TryGetValue(element.Id ?? "", out var text) ? text
                : element is IHtmlTextAreaElement area ? area.Value
                : element.GetAttribute("value") ?? "";
            fields.Add(new(name, value));
        }
        Assert.All(typed.Keys, id => Assert.NotNull(form.QuerySelector($"#{id}")));
        return new FormUrlEncodedContent(fields);
    }
}
