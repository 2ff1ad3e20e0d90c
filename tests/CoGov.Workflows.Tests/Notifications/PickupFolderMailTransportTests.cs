using CoGov.Workflows.Notifications;
using MimeKit;

namespace CoGov.Workflows.Tests.Notifications;

/// <summary>The default transport: one whole .eml file per outbox message, never a half-written one.</summary>
public sealed class PickupFolderMailTransportTests
{
    [Fact]
    public async Task EachMessageBecomesOneEmlFileNamedByItsOutboxIdThatReadsBackAsSent()
    {
        await using var app = await OutboxScenario.StartAsync();
        using var folder = new TempFolder();
        await app.SendScreeningQuestionsAsync(3);

        var round = await app.SendDueAsync(new PickupFolderMailTransport(folder.Path));

        Assert.Equal(3, round.Sent);
        var outbox = await app.OutboxAsync();
        Assert.Equal(outbox.Select(m => $"{m.Id:D}.eml").Order(StringComparer.Ordinal), folder.Files());
        foreach (var message in outbox)
        {
            var mail = await MimeMessage.LoadAsync(Path.Combine(folder.Path, $"{message.Id:D}.eml"));
            Assert.Equal($"{message.Id:D}@localhost", mail.MessageId);
            Assert.Equal(new MailboxAddress("Kwame Asante", DemoLogins.Kwame), Assert.Single(mail.To.Mailboxes));
            Assert.Equal(new MailboxAddress("CoGov", "cogov@localhost"), Assert.Single(mail.From.Mailboxes));
            Assert.Equal($"Question {message.QuestionNumber} about CandidateMatch CV Screening is waiting for your answer", mail.Subject);
            Assert.Contains("Riverside Municipal Hospital", mail.TextBody, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ALongAnswerInAnyLanguageIsWrittenInSevenBitLinesARelayAcceptsAndReadsBackWhole()
    {
        await using var app = await OutboxScenario.StartAsync();
        using var folder = new TempFolder();
        var answer = string.Concat(Enumerable.Repeat("Les équipes de nuit reçoivent leurs plannings six semaines à l'avance. ", 30)).Trim();
        await app.ChangeAsync(c => c.Rostering.Answer(6, answer, c.Answerer(c.Rostering, 6), c.Now));

        await app.SendDueAsync(new PickupFolderMailTransport(folder.Path));

        var file = Path.Combine(folder.Path, Assert.Single(folder.Files()));
        var bytes = await File.ReadAllBytesAsync(file);
        Assert.All(bytes, b => Assert.True(b < 0x80, $"byte {b:x2} is not 7-bit"));
        Assert.All(System.Text.Encoding.ASCII.GetString(bytes).Split('\n'), line => Assert.True(line.TrimEnd('\r').Length <= 998, $"a line of {line.Length} characters"));
        Assert.Contains(answer, (await MimeMessage.LoadAsync(file)).TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendingTheSameMessageAgainReplacesItsFileAndLeavesNothingHalfWritten()
    {
        using var folder = new TempFolder();
        var transport = new PickupFolderMailTransport(folder.Path);
        var id = Guid.CreateVersion7();

        await transport.SendAsync(id, Mail("First try"), CancellationToken.None);
        await transport.SendAsync(id, Mail("Second try"), CancellationToken.None);

        Assert.Equal([$"{id:D}.eml"], folder.Files());
        Assert.Equal("Second try", (await MimeMessage.LoadAsync(Path.Combine(folder.Path, $"{id:D}.eml"))).Subject);
    }

    [Fact]
    public async Task AWriteCutShortLeavesNoFileForAPickupToRead()
    {
        using var folder = new TempFolder();
        var transport = new PickupFolderMailTransport(folder.Path);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => transport.SendAsync(Guid.CreateVersion7(), Mail("Never"), cancelled.Token));

        Assert.Empty(folder.Files());
    }

    private static MimeMessage Mail(string subject)
    {
        var mail = new MimeMessage { Subject = subject, Body = new TextPart("plain") { Text = "Dear Kwame Asante," } };
        mail.From.Add(new MailboxAddress("CoGov", "cogov@localhost"));
        mail.To.Add(new MailboxAddress("Kwame Asante", DemoLogins.Kwame));
        return mail;
    }
}
