using CoGov.Web.Infrastructure;
using CoGov.Workflows.Identity;
using CoGov.Workflows.Notifications;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace CoGov.Web.Tests.Infrastructure;

public sealed class AccountEmailSenderTests
{
    private readonly Recording _transport = new();
    private readonly AccountEmailSender _sender;

    public AccountEmailSenderTests()
    {
        var localizer = new StringLocalizer<AccountEmailSender>(new ResourceManagerStringLocalizerFactory(
            Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance));
        _sender = new AccountEmailSender(_transport, Options.Create(new MailOptions { From = "Riverside CoGov <cogov@riverside.example>" }),
            new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero)), localizer,
            // Configured, so the server's own addresses are never asked.
            new PublicOrigin(Options.Create(new PublicOriginOptions { PublicOrigin = "https://cogov.example" }),
                new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = "Production" }, null!));
    }

    [Fact]
    public async Task AConfirmationLinkArrivesAsAPlainWorkingAddress()
    {
        var user = new CoGovUser { Email = "nadia@example.org", DisplayName = "Nadia Berg" };

        // Identity's pages hand the link over HTML-encoded, as for an HTML mail.
        await _sender.SendConfirmationLinkAsync(user, "nadia@example.org", "https://cogov.example/Account/ConfirmEmail?userId=42&amp;code=abc");

        var (id, mail) = Assert.Single(_transport.Sent);
        Assert.Equal("Confirm your e-mail address for CoGov", mail.Subject);
        Assert.Equal(("Nadia Berg", "nadia@example.org"), (mail.To.Mailboxes.Single().Name, mail.To.Mailboxes.Single().Address));
        Assert.Equal("cogov@riverside.example", mail.From.Mailboxes.Single().Address);
        Assert.Equal($"{id:D}@riverside.example", mail.MessageId);
        Assert.Equal("auto-generated", mail.Headers["Auto-Submitted"]);
        Assert.Null(mail.HtmlBody);
        Assert.StartsWith("Dear Nadia Berg,", mail.TextBody);
        Assert.Contains("  https://cogov.example/Account/ConfirmEmail?userId=42&code=abc", mail.TextBody);
    }

    [Theory]
    [InlineData("https://evil.example/Account/ResetPassword?code=abc")]
    [InlineData("http://cogov.example/Account/ResetPassword?code=abc")]
    [InlineData("https://cogov.example.evil.example/Account/ResetPassword?code=abc")]
    [InlineData("/Account/ResetPassword?code=abc")]
    public async Task ALinkOutsideThePublicOriginIsNeverMailed(string link)
    {
        var user = new CoGovUser { Email = "nadia@example.org", DisplayName = "Nadia Berg" };

        await Assert.ThrowsAsync<InvalidOperationException>(() => _sender.SendPasswordResetLinkAsync(user, "nadia@example.org", link));
        await Assert.ThrowsAsync<InvalidOperationException>(() => _sender.SendConfirmationLinkAsync(user, "nadia@example.org", link));

        Assert.Empty(_transport.Sent);
    }

    [Fact]
    public async Task AResetCodeIsSentAsItIs()
    {
        await _sender.SendPasswordResetCodeAsync(new CoGovUser { DisplayName = "" }, "kim@example.org", "123456");

        var (_, mail) = Assert.Single(_transport.Sent);
        Assert.Equal("Reset your CoGov password", mail.Subject);
        Assert.StartsWith("Dear kim@example.org,", mail.TextBody);
        Assert.Contains("  123456", mail.TextBody);
    }

    private sealed class Recording : IMailTransport
    {
        public List<(Guid Id, MimeMessage Mail)> Sent { get; } = [];

        public Task SendAsync(Guid outboxId, MimeMessage message, CancellationToken cancellationToken)
        {
            Sent.Add((outboxId, message));
            return Task.CompletedTask;
        }
    }
}
