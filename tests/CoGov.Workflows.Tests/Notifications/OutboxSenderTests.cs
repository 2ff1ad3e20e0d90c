using CoGov.Domain.Assessments;
using CoGov.Domain.Organisations;
using CoGov.Workflows.Notifications;
using Microsoft.Extensions.DependencyInjection;

namespace CoGov.Workflows.Tests.Notifications;

/// <summary>The sender: each due message sent once, failures kept and retried with backoff, and no two senders sending the same mail.</summary>
public sealed class OutboxSenderTests
{
    [Fact]
    public async Task AChangeWritesItsMailToTheOutboxAndARoundSendsItOnce()
    {
        await using var app = await OutboxScenario.StartAsync();
        Assert.Empty(await app.OutboxAsync());
        await app.SendScreeningQuestionsAsync(3);
        var transport = new RecordingTransport();

        var first = await app.SendDueAsync(transport);
        app.Clock.Advance(TimeSpan.FromDays(1));
        var second = await app.SendDueAsync(transport);

        Assert.Equal(new OutboxRound(Due: 3, Sent: 3, Failed: 0, GivenUp: 0, HandledElsewhere: 0), first);
        Assert.Equal(0, second.Due);
        var outbox = await app.OutboxAsync();
        Assert.Equal(outbox.Select(m => m.Id).Order(), transport.Delivered.Select(d => d.OutboxId).Order());
        Assert.All(outbox, m =>
        {
            Assert.Equal(NotificationKind.QuestionArrived, m.Kind);
            Assert.Equal(TestApp.Now, m.SentAt);
            Assert.Equal(1, m.Attempts);
            Assert.Null(m.NextAttemptAt);
            Assert.Null(m.LastError);
        });
    }

    [Fact]
    public async Task AMessageStaysUnsentWhileTheTransportFailsAndIsRetriedWithBackoffUntilItGoes()
    {
        await using var app = await OutboxScenario.StartAsync();
        await app.SendScreeningQuestionsAsync(1);
        var transport = new RecordingTransport { Down = true };

        // Tried at once, then after one, two and four minutes; not before each wait is over.
        var attempts = new List<OutboxMessage>();
        foreach (var wait in new[] { 0, 1, 2 })
        {
            app.Clock.Advance(TimeSpan.FromMinutes(wait == 0 ? 0 : Math.Pow(2, wait - 1)));
            Assert.Equal(1, (await app.SendDueAsync(transport)).Failed);
            Assert.Equal(0, (await app.SendDueAsync(transport)).Due);
            attempts.Add(Assert.Single(await app.OutboxAsync()));
        }
        app.Clock.Advance(TimeSpan.FromMinutes(4) - TimeSpan.FromTicks(1));
        Assert.Equal(0, (await app.SendDueAsync(transport)).Due);

        transport.Down = false;
        app.Clock.Advance(TimeSpan.FromTicks(1));
        var round = await app.SendDueAsync(transport);

        Assert.Equal(new[] { 1, 2, 3 }, attempts.Select(m => m.Attempts));
        Assert.Equal(new[] { TestApp.Now.AddMinutes(1), TestApp.Now.AddMinutes(3), TestApp.Now.AddMinutes(7) }, attempts.Select(m => m.NextAttemptAt!.Value));
        Assert.All(attempts, m =>
        {
            Assert.Null(m.SentAt);
            Assert.Contains("SocketException", m.LastError, StringComparison.Ordinal);
        });
        Assert.Equal(1, round.Sent);
        var sent = Assert.Single(await app.OutboxAsync());
        Assert.Equal(4, sent.Attempts);
        Assert.Equal(TestApp.Now.AddMinutes(7), sent.SentAt);
        Assert.Null(sent.NextAttemptAt);
        Assert.Null(sent.LastError);
        Assert.Equal(sent.Id, Assert.Single(transport.Delivered).OutboxId);
    }

    [Fact]
    public async Task MailToSomeoneWithoutAnAddressIsGivenUpAfterTwentyAttemptsButMailAServerDidNotTakeNeverIs()
    {
        await using var app = await OutboxScenario.StartAsync();
        await app.ChangeAsync(c =>
        {
            var sam = c.Organisation.AddPerson("sam-lee", "Sam Lee", Side.Management, "Deputy Director of Workforce Planning", "");
            c.Screening.Send(1, sam, c.Now.AddDays(14), c.Actor("leila-haddad"), c.Now, c.Rules);
            c.Screening.Send(2, c.Person("kwame-asante"), c.Now.AddDays(14), c.Actor("leila-haddad"), c.Now, c.Rules);
        });
        var transport = new RecordingTransport { Down = true };
        var outbox = await app.OutboxAsync();
        var toSam = outbox.Single(m => m.QuestionNumber == 1).Id;
        var toKwame = outbox.Single(m => m.QuestionNumber == 2).Id;

        var givenUp = new List<int>();
        for (var round = 1; round <= 25; round++)
        {
            givenUp.Add((await app.SendDueAsync(transport)).GivenUp);
            // The longest wait between attempts is six hours.
            app.Clock.Advance(TimeSpan.FromHours(6));
        }
        var afterOutage = await app.OutboxAsync();
        transport.Down = false;
        await app.SendDueAsync(transport);
        var afterRecovery = await app.OutboxAsync();

        Assert.Equal(20, givenUp.IndexOf(1) + 1);
        Assert.Equal(1, givenUp.Sum());
        var sam = afterOutage.Single(m => m.Id == toSam);
        Assert.Equal(20, sam.Attempts);
        Assert.Null(sam.NextAttemptAt);
        Assert.Null(sam.SentAt);
        Assert.Equal("Given up after 20 attempts: Sam Lee has no e-mail address in CoGov; add one to their record and the mail goes at its next attempt.", sam.LastError);
        var kwame = afterOutage.Single(m => m.Id == toKwame);
        Assert.Equal(25, kwame.Attempts);
        Assert.NotNull(kwame.NextAttemptAt);
        Assert.NotNull(afterRecovery.Single(m => m.Id == toKwame).SentAt);
        Assert.Equivalent(sam, afterRecovery.Single(m => m.Id == toSam));
        Assert.Equal(toKwame, Assert.Single(transport.Delivered).OutboxId);
    }

    [Fact]
    public async Task ARoundTakesTheLongestWaitingMessagesFirstAndNoMoreThanABatch()
    {
        await using var app = await OutboxScenario.StartAsync();
        await app.SendScreeningQuestionsAsync(2, from: 1);
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await app.SendScreeningQuestionsAsync(3, from: 3);
        var transport = new RecordingTransport();
        var mail = new MailOptions { BatchSize = 3 };

        var first = await app.SendDueAsync(transport, mail);
        var firstDelivered = transport.Delivered.Select(d => d.OutboxId).ToList();
        var second = await app.SendDueAsync(transport, mail);

        var outbox = await app.OutboxAsync();
        Assert.Equal(3, first.Sent);
        Assert.Equal(2, second.Sent);
        Assert.Equal(outbox.Where(m => m.CreatedAt == TestApp.Now).Select(m => m.Id).Order(), firstDelivered.Take(2).Order());
        Assert.Equal(outbox.Select(m => m.Id).Order(), transport.Delivered.Select(d => d.OutboxId).Order());
    }

    [Fact]
    public async Task TwoSendersRunningAtOnceOverTheSameMessagesDeliverEachOnce()
    {
        await using var app = await OutboxScenario.StartAsync();
        await app.SendScreeningQuestionsAsync(8);
        // A short pause in each hand-over keeps both senders in their rounds together.
        var transport = new RecordingTransport { OnSend = _ => Task.Delay(10) };
        await using var first = app.Services.CreateAsyncScope();
        await using var second = app.Services.CreateAsyncScope();

        var rounds = await Task.WhenAll(
            Task.Run(() => OutboxScenario.Sender(first.ServiceProvider, transport, app.Clock).SendDueAsync(CancellationToken.None)),
            Task.Run(() => OutboxScenario.Sender(second.ServiceProvider, transport, app.Clock).SendDueAsync(CancellationToken.None)));

        var outbox = await app.OutboxAsync();
        Assert.Equal(8, rounds.Sum(r => r.Sent));
        Assert.Equal(outbox.Select(m => m.Id).Order(), transport.Delivered.Select(d => d.OutboxId).Order());
        Assert.All(outbox, m =>
        {
            Assert.Equal(1, m.Attempts);
            Assert.NotNull(m.SentAt);
        });
    }

    [Fact]
    public async Task ASenderHoldingMessagesAnotherSenderHasClaimedSinceLeavesThemToIt()
    {
        await using var app = await OutboxScenario.StartAsync();
        await app.SendScreeningQuestionsAsync(4);
        await using var slowScope = app.Services.CreateAsyncScope();
        await using var quickScope = app.Services.CreateAsyncScope();
        var transport = new RecordingTransport();
        var quick = OutboxScenario.Sender(quickScope.ServiceProvider, transport, app.Clock);
        var quickStarted = false;
        OutboxRound? quickRound = null;
        // The slow sender has read all four due messages and claimed the first; while it sends that one, the quick sender
        // runs a whole round. The slow one's copies of the other three are out of date now: its claims must fail.
        transport.OnSend = async _ =>
        {
            if (!quickStarted)
            {
                quickStarted = true;
                quickRound = await quick.SendDueAsync(CancellationToken.None);
            }
        };

        var slowRound = await OutboxScenario.Sender(slowScope.ServiceProvider, transport, app.Clock).SendDueAsync(CancellationToken.None);

        Assert.Equal(new OutboxRound(Due: 4, Sent: 1, Failed: 0, GivenUp: 0, HandledElsewhere: 3), slowRound);
        Assert.Equal(new OutboxRound(Due: 3, Sent: 3, Failed: 0, GivenUp: 0, HandledElsewhere: 0), quickRound);
        var outbox = await app.OutboxAsync();
        Assert.Equal(outbox.Select(m => m.Id).Order(), transport.Delivered.Select(d => d.OutboxId).Order());
        Assert.All(outbox, m => Assert.Equal(1, m.Attempts));
    }
}
