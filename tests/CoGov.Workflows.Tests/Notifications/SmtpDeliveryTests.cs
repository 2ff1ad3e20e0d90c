using CoGov.Workflows.Notifications;
using MailKit.Security;
using Microsoft.Extensions.Options;

namespace CoGov.Workflows.Tests.Notifications;

/// <summary>SMTP through MailKit, against a small server on 127.0.0.1 that is down at first and then comes back.</summary>
public sealed class SmtpDeliveryTests
{
    [Fact]
    public async Task WithTheServerUnreachableNothingIsLostAndEverythingIsSentOnceWhenItIsBack()
    {
        await using var app = await OutboxScenario.StartAsync();
        await app.SendScreeningQuestionsAsync(3);
        await app.ChangeAsync(c => c.Rostering.Answer(6, "ShiftWise Predict stays off until this committee has assessed it.", c.Answerer(c.Rostering, 6), c.Now));
        var port = SmtpTestServer.FreePort();
        await using var server = new SmtpTestServer(port);
        var mail = new MailOptions
        {
            From = "Joint Committee <committee@riverside-hospital.example>",
            Smtp = new SmtpOptions { Host = "127.0.0.1", Port = port, Security = SecureSocketOptions.None, Timeout = TimeSpan.FromSeconds(10) },
        };
        var transport = new SmtpMailTransport(Options.Create(mail));

        var whileDown = await app.SendDueAsync(transport, mail);
        var keptWhileDown = await app.OutboxAsync();
        server.Start();
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var whenBack = await app.SendDueAsync(transport, mail);
        app.Clock.Advance(TimeSpan.FromHours(1));
        var later = await app.SendDueAsync(transport, mail);

        Assert.Equal(new OutboxRound(Due: 4, Sent: 0, Failed: 4, GivenUp: 0, HandledElsewhere: 0), whileDown);
        Assert.Equal(4, keptWhileDown.Count);
        Assert.All(keptWhileDown, m =>
        {
            Assert.Null(m.SentAt);
            Assert.Equal(1, m.Attempts);
            Assert.Equal(TestApp.Now.AddMinutes(1), m.NextAttemptAt);
            Assert.Contains("refused", m.LastError, StringComparison.OrdinalIgnoreCase);
        });
        Assert.Equal(4, whenBack.Sent);
        Assert.Equal(0, later.Due);

        var outbox = await app.OutboxAsync();
        Assert.All(outbox, m =>
        {
            Assert.Equal(2, m.Attempts);
            Assert.Equal(TestApp.Now.AddMinutes(1), m.SentAt);
            Assert.Null(m.LastError);
        });
        var received = server.Received;
        Assert.Equal(outbox.Select(m => $"{m.Id:D}@riverside-hospital.example").Order(), received.Select(r => r.Message.MessageId).Order());
        Assert.All(received, r => Assert.Equal("committee@riverside-hospital.example", r.From));
        Assert.Equal(3, received.Count(r => r.To.SequenceEqual([DemoLogins.Kwame])));
        var answered = Assert.Single(received, r => r.To.SequenceEqual([DemoLogins.Leila]));
        Assert.Equal("Question 6 about ShiftWise Rostering has been answered", answered.Message.Subject);
        Assert.Contains("ShiftWise Predict stays off until this committee has assessed it.", answered.Message.TextBody, StringComparison.Ordinal);
    }
}
