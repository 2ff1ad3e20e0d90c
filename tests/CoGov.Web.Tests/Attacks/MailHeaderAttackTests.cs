using System.Net;
using AngleSharp.Html.Dom;
using CoGov.Web.Tests.Components.Pages;
using CoGov.Workflows.Notifications;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace CoGov.Web.Tests.Attacks;

/// <summary>
/// Header injection through the mail CoGov sends: a system name, a person's name and title typed with line breaks and
/// headers of their own (a Bcc to the attacker, a second Subject), then a cycle sent so every manager is mailed about
/// that system. Every mail written has exactly one Subject, no Bcc or Cc, and goes to its one recipient alone.
/// </summary>
[Trait("Category", "Attack")]
public sealed class MailHeaderAttackTests(CoGovWebApp app) : IClassFixture<CoGovWebApp>
{
    private const string Organisation = $"/organisations/{DemoLogins.Organisation}";
    private const string Attacker = "attacker@evil.example";
    private const string Injection = $"\r\nBcc: {Attacker}\r\nSubject: Injected\r\nX-Injected: yes\r\n\r\n<b>body</b>";

    [Fact]
    public async Task ASystemNameAndAPersonsNameAndTitleWithLineBreaksAndHeadersInjectNoHeaderIntoTheMailSent()
    {
        using var admin = await app.SignedInClientAsync(DemoLogins.Admin);
        using var steward = await app.SignedInClientAsync(DemoLogins.Steward);
        // The accountable manager's name and title, as an administrator could type them.
        var person = $"{Organisation}/admin/people/daniel-reyes";
        var edit = Form(await CoGovWebApp.ParseAsync(await admin.GetAsync(person)), "edit-person");
        await admin.PostFormAsync(person, edit, new Dictionary<string, string?>
        {
            ["Form.Name"] = "Daniel Reyes" + Injection,
            ["Form.Title"] = "Director" + Injection,
        });
        // The system, as a steward types it, then a cycle opened on it and its questions sent: a mail to each manager.
        var newSystem = $"{Organisation}/systems/new";
        var register = Form(await CoGovWebApp.ParseAsync(await steward.GetAsync(newSystem)), "register-system");
        var registered = await steward.PostFormAsync(newSystem, register, new Dictionary<string, string?>
        {
            ["Form.Name"] = "Injected Scheduler" + Injection,
            ["Form.Key"] = "injected",
            ["Form.Purpose"] = "Schedules.",
            ["Form.Vendor"] = "Vendor" + Injection,
            ["Form.Department"] = "Operations" + Injection,
        });
        Assert.True(registered.StatusCode == HttpStatusCode.Redirect, (await CoGovWebApp.ParseAsync(registered)).QuerySelector("main")?.TextContent);
        var newCycle = $"{Organisation}/systems/injected/cycles/new";
        var opened = await steward.PostFormAsync(newCycle, Form(await CoGovWebApp.ParseAsync(await steward.GetAsync(newCycle)), "open-cycle"));
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var send = $"{Organisation}/systems/injected/cycles/1/send";
        var sent = await steward.PostFormAsync(send, Form(await CoGovWebApp.ParseAsync(await steward.GetAsync(send)), "send-questions"));
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);

        var mails = await DeliverAsync();

        var aboutTheSystem = mails.Where(m => (m.Message.Subject ?? "").Contains("Injected Scheduler", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(aboutTheSystem);
        Assert.All(mails, mail =>
        {
            Assert.Single(mail.Message.Headers, h => h.Id == HeaderId.Subject);
            Assert.DoesNotContain(mail.Message.Headers, h => h.Id is HeaderId.Bcc or HeaderId.Cc or HeaderId.ResentBcc || h.Field.StartsWith("X-Injected", StringComparison.OrdinalIgnoreCase));
            Assert.Single(mail.Message.To.Mailboxes);
            Assert.DoesNotContain(mail.Message.GetRecipients(), r => r.Address == Attacker);
            // The header block as written: no line of it starts a header the attacker typed.
            // The pickup folder writes the platform's line ends, SMTP would write CRLF: either way a blank line ends the headers.
            var raw = mail.Raw.ReplaceLineEndings("\n");
            var headerBlock = raw[..raw.IndexOf("\n\n", StringComparison.Ordinal)];
            Assert.DoesNotContain(headerBlock.Split('\n'), line => line.StartsWith("Bcc:", StringComparison.OrdinalIgnoreCase)
                || line.StartsWith("X-Injected:", StringComparison.OrdinalIgnoreCase) || line.StartsWith("Subject: Injected", StringComparison.OrdinalIgnoreCase));
            // A plain and an HTML part, as CoGov writes them: nothing the attacker typed became a part of its own.
            var parts = Assert.IsType<MultipartAlternative>(mail.Message.Body!);
            Assert.Equal(["text/plain", "text/html"], parts.Select(p => p.ContentType.MimeType));
        });
        Assert.Contains(mails, m => m.Message.To.Mailboxes.Single().Address == "daniel.reyes@riverside-hospital.example");
    }

    /// <summary>Delivers the outbox to the pickup folder as the background sender would; every mail there, parsed and raw.</summary>
    private async Task<IReadOnlyList<(MimeMessage Message, string Raw)>> DeliverAsync()
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
        return [.. Directory.GetFiles(folder, "*.eml").Select(f => (MimeMessage.Load(f), File.ReadAllText(f)))];
    }

    private static IHtmlFormElement Form(AngleSharp.Dom.IDocument page, string name) =>
        page.NamedForm(name) ?? throw new InvalidOperationException($"No form {name} on {page.Title}.");
}
