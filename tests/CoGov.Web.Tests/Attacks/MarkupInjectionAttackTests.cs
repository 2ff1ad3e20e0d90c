using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CoGov.Domain.Assessments;
using CoGov.Web.Tests.Components.Pages;
using CoGov.Workflows.Notifications;
using CoGov.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace CoGov.Web.Tests.Attacks;

/// <summary>
/// Cross-site scripting through what people type: script tags, event handlers, javascript: links in Markdown, SVG,
/// attribute breakouts and HTML entities, written into an answer and its evidence, the grounds of a challenge, a system's
/// name and purpose, and a person's name and title, each through the form a person would use. Every page that shows
/// them, to each kind of member, and every mail that tells of them, holds no active content. (The PDF is the printing
/// suite's; the browser's own test that nothing runs is the E2E MarkupInjectionAttackTests.)
/// </summary>
[Trait("Category", "Attack")]
public sealed class MarkupInjectionAttackTests(CoGovWebApp app) : IClassFixture<CoGovWebApp>
{
    private const string Organisation = $"/organisations/{DemoLogins.Organisation}";

    /// <summary>Every payload on one line each, for the fields that take Markdown.</summary>
    private const string Markdown = """
        <script>alert(1)</script>
        <img src=x onerror=alert(1)>
        [x](javascript:alert(1))
        [y](JaVaScRiPt:alert(1) "title")
        <svg onload=alert(1)><circle r="1"/></svg>
        "><script>alert(1)</script>
        '><img src=x onerror=alert(1)>
        &lt;script&gt;alert(1)&lt;/script&gt; &#60;img src=x onerror=alert(1)&#62;
        <a href="jav&#x09;ascript:alert(1)">z</a>
        <iframe src="javascript:alert(1)"></iframe>
        ![i](javascript:alert(1))
        """;

    /// <summary>The payloads that fit a name or a title, on one line.</summary>
    private const string Line = "\"><script>alert(1)</script><img src=x onerror=alert(1)><svg onload=alert(1)>&lt;b&gt;";

    [Fact]
    public async Task ScriptsHandlersAndJavascriptLinksTypedIntoAnswersGroundsSystemsAndPeopleLeaveNoActiveContentInAnyPageOrMail()
    {
        using var admin = await app.SignedInClientAsync(DemoLogins.Admin);
        using var steward = await app.SignedInClientAsync(DemoLogins.Steward);
        using var manager = await app.SignedInClientAsync(DemoLogins.Manager);
        using var chair = await app.SignedInClientAsync(DemoLogins.ManagementChair);

        // An administrator names the accountable manager; a steward registers the system, opens its cycle and sends it.
        var person = $"{Organisation}/admin/people/daniel-reyes";
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync(person, await FormAsync(admin, person, "edit-person"), new Dictionary<string, string?>
        {
            ["Form.Name"] = "Daniel Reyes" + Line,
            ["Form.Title"] = "Director" + Line,
        })).StatusCode);
        var newSystem = $"{Organisation}/systems/new";
        Assert.Equal(HttpStatusCode.Redirect, (await steward.PostFormAsync(newSystem, await FormAsync(steward, newSystem, "register-system"), new Dictionary<string, string?>
        {
            ["Form.Name"] = "Scripted" + Line,
            ["Form.Key"] = "scripted",
            ["Form.Purpose"] = Markdown,
            ["Form.Vendor"] = "Vendor" + Line,
            ["Form.Department"] = "Operations" + Line,
        })).StatusCode);
        var newCycle = $"{Organisation}/systems/scripted/cycles/new";
        Assert.Equal(HttpStatusCode.Redirect, (await steward.PostFormAsync(newCycle, await FormAsync(steward, newCycle, "open-cycle"))).StatusCode);
        var send = $"{Organisation}/systems/scripted/cycles/1/send";
        Assert.Equal(HttpStatusCode.Redirect, (await steward.PostFormAsync(send, await FormAsync(steward, send, "send-questions"))).StatusCode);

        // The manager answers one of his questions with every payload; the steward challenges it with them again.
        var number = await DanielsFirstQuestionAsync("scripted");
        var question = $"{Organisation}/systems/scripted/cycles/1/questions/{number}";
        var answer = await FormWithFieldAsync(manager, question, ".Answer");
        var evidence = answer.Field.Replace(".Answer", ".Evidence", StringComparison.Ordinal);
        // A javascript: address as evidence is refused outright, and nothing is stored.
        var before = await AttackSurface.FingerprintAsync(app);
        var refused = await manager.PostFormAsync(question, answer.Form, new Dictionary<string, string?> { [answer.Field] = Markdown, [evidence] = "javascript:alert(1)" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.NotNull((await CoGovWebApp.ParseAsync(refused)).QuerySelector("[role=alert]"));
        Assert.Equal(before, await AttackSurface.FingerprintAsync(app));
        // A web address that tries to break out of its link's attribute is taken, and must stay inside it.
        Assert.Equal(HttpStatusCode.Redirect, (await manager.PostFormAsync(question, answer.Form, new Dictionary<string, string?>
        {
            [answer.Field] = Markdown,
            [evidence] = "https://example.org/\"onmouseover=alert(1)//",
        })).StatusCode);
        var challenge = await FormWithFieldAsync(steward, question, ".Grounds");
        Assert.Equal(HttpStatusCode.Redirect, (await steward.PostFormAsync(question, challenge.Form, new Dictionary<string, string?> { [challenge.Field] = Markdown })).StatusCode);

        var pages = AttackSurface.PagesOf(new AttackSurface.Keys(DemoLogins.Organisation, "scripted", 1, number, "daniel-reyes"));
        var read = new List<string>();
        var active = new List<string>();
        foreach (var (name, client) in new[] { ("steward", steward), ("manager", manager), ("chair", chair), ("admin", admin) })
        {
            foreach (var page in pages)
            {
                var response = await client.GetAsync(page);
                if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/html")
                {
                    continue;
                }
                var document = await CoGovWebApp.ParseAsync(response);
                read.Add($"{name} {page}");
                active.AddRange(ActiveContent(document).Select(a => $"{name} {page}: {a}"));
            }
        }

        // The payloads got there, shown as the text they are.
        var thread = await CoGovWebApp.ParseAsync(await steward.GetAsync(question));
        Assert.Contains("onerror=alert(1)", thread.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Scripted\"><script>", thread.Body.TextContent, StringComparison.Ordinal);
        Assert.True(read.Count >= 40, $"Only {read.Count} pages were read.");
        Assert.Empty(active);

        var mails = await DeliverAsync();
        var aboutIt = mails.Where(m => m.TextBody?.Contains("onerror=alert(1)", StringComparison.Ordinal) == true).ToList();
        Assert.NotEmpty(aboutIt);
        // The HTML part carries the payloads as the text they are, not as elements.
        Assert.All(aboutIt, mail =>
        {
            var html = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(mail.HtmlBody!);
            Assert.Empty(html.QuerySelectorAll("script, img, svg, iframe, object, embed, form"));
            Assert.Contains("<img src=x onerror=alert(1)>", html.Body!.TextContent, StringComparison.Ordinal);
        });
        Assert.All(mails, mail => Assert.All(mail.BodyParts.OfType<TextPart>(), part =>
        {
            if (part.IsHtml)
            {
                Assert.Empty(ActiveContent(new AngleSharp.Html.Parser.HtmlParser().ParseDocument(part.Text)));
            }
            else
            {
                // Plain text: a mail reader shows it as typed and runs nothing.
                Assert.True(part.IsPlain, $"A mail part is {part.ContentType.MimeType}.");
            }
        }));
    }

    /// <summary>
    /// Whatever in the page could run: a script that is not one of the app's own files, any on* handler, a javascript:
    /// or data: address, an iframe, object or embed.
    /// </summary>
    private static IEnumerable<string> ActiveContent(IDocument document)
    {
        foreach (var script in document.QuerySelectorAll("script"))
        {
            var src = script.GetAttribute("src");
            var own = src is null
                ? !script.TextContent.Contains("alert", StringComparison.OrdinalIgnoreCase)
                : !src.Contains(':', StringComparison.Ordinal) && !src.StartsWith("//", StringComparison.Ordinal);
            if (!own)
            {
                yield return script.OuterHtml;
            }
        }
        foreach (var element in document.All)
        {
            foreach (var attribute in element.Attributes)
            {
                var value = new string([.. attribute.Value.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c))]);
                if (attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)
                    || (attribute.Name is "href" or "src" or "action" or "formaction" or "xlink:href" or "data" or "poster"
                        && (value.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase) || value.StartsWith("vbscript:", StringComparison.OrdinalIgnoreCase)
                            || value.StartsWith("data:text/html", StringComparison.OrdinalIgnoreCase))))
                {
                    yield return $"<{element.LocalName} {attribute.Name}=\"{attribute.Value}\">";
                }
            }
            if (element.LocalName is "iframe" or "object" or "embed" or "frame")
            {
                yield return element.OuterHtml;
            }
        }
    }

    private static async Task<IHtmlFormElement> FormAsync(HttpClient client, string page, string name) =>
        (await CoGovWebApp.ParseAsync(await client.GetAsync(page))).NamedForm(name) ?? throw new InvalidOperationException($"No form {name} on {page}.");

    /// <summary>The form on the page with a text area whose name ends as given (the forms' names carry the question).</summary>
    private static async Task<(IHtmlFormElement Form, string Field)> FormWithFieldAsync(HttpClient client, string page, string fieldEnding)
    {
        var document = await CoGovWebApp.ParseAsync(await client.GetAsync(page));
        var area = document.QuerySelectorAll("form[method=post] textarea").OfType<IHtmlTextAreaElement>()
            .FirstOrDefault(t => t.Name?.EndsWith(fieldEnding, StringComparison.Ordinal) == true)
            ?? throw new InvalidOperationException($"No form with a {fieldEnding} field on {page}.");
        return ((IHtmlFormElement)area.Closest("form")!, area.Name!);
    }

    private async Task<int> DanielsFirstQuestionAsync(string systemKey)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoGovDbContext>();
        var daniel = await db.People.Where(p => p.Email == DemoLogins.Daniel).Select(p => p.Id).SingleAsync();
        var cycle = await db.Assessments.Where(a => a.Cycle == 1 && db.Systems.Any(s => s.Id == a.SystemId && s.Key == systemKey)).Select(a => a.Id).SingleAsync();
        return await db.QuestionItems.Where(q => q.AssessmentId == cycle && q.AssigneeId == daniel && q.State == QuestionState.Sent)
            .OrderBy(q => q.Number).Select(q => q.Number).FirstAsync();
    }

    /// <summary>Delivers the outbox to the pickup folder as the background sender would; every mail there.</summary>
    private async Task<IReadOnlyList<MimeMessage>> DeliverAsync()
    {
        for (var round = 0; round < 20; round++)
        {
            await using var scope = app.Services.CreateAsyncScope();
            if ((await scope.ServiceProvider.GetRequiredService<OutboxSender>().SendDueAsync(CancellationToken.None)).Due == 0)
            {
                break;
            }
        }
        var folder = Path.Combine(Path.GetDirectoryName(app.Database)!, "mail");
        return [.. Directory.GetFiles(folder, "*.eml").Select(f => MimeMessage.Load(f))];
    }
}
