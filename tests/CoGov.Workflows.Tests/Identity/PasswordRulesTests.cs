using CoGov.Workflows.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CoGov.Workflows.Tests.Identity;

/// <summary>The password rule every host applies when a password is set (NIST SP 800-63B).</summary>
public sealed class PasswordRulesTests
{
    [Theory]
    [InlineData("Kx7#mQ2$vLp", "at least 12 characters")]
    [InlineData("leavemealone", "most common passwords")]
    [InlineData("LeaveMeAlone", "most common passwords")]
    [InlineData("qwerty123456", "most common passwords")]
    [InlineData("aaaaaaaaaaaaaaaa", "too easy to guess")]
    [InlineData("grace.obi@example.org", "your e-mail address")]
    public async Task APasswordThatIsShortCommonGuessableOrTheAddressIsRefusedSayingWhy(string password, string why)
    {
        await using var app = await TestApp.StartAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CoGovUser>>();

        var result = await users.CreateAsync(new CoGovUser { UserName = "grace.obi@example.org", Email = "grace.obi@example.org" }, password);

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Description.Contains(why, StringComparison.Ordinal));
        Assert.Null(await users.FindByEmailAsync("grace.obi@example.org"));
    }

    [Theory]
    [InlineData("correct horse battery staple")]
    [InlineData("all lowercase but long enough river")]
    [InlineData("CoGov-demo-2026!")]
    public async Task ALongUncommonPasswordNeedsNoDigitCapitalOrSign(string password)
    {
        await using var app = await TestApp.StartAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CoGovUser>>();

        var result = await users.CreateAsync(new CoGovUser { UserName = "grace.obi@example.org", Email = "grace.obi@example.org" }, password);

        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    [Fact]
    public async Task APasswordOfSixtyFourCharactersIsAccepted()
    {
        await using var app = await TestApp.StartAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CoGovUser>>();
        var password = string.Concat(Enumerable.Range(0, 8).Select(i => $"walrus{i}x")) + "tide";

        var result = await users.CreateAsync(new CoGovUser { UserName = "grace.obi@example.org", Email = "grace.obi@example.org" }, password);

        Assert.True(password.Length >= 64);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
    }
}
