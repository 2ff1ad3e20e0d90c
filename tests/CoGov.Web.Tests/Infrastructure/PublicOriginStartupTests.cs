using CoGov.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CoGov.Web.Tests.Infrastructure;

/// <summary>
/// Outside Development CoGov will not start without knowing the one address its mails may link to (decision record 17),
/// and says which setting is missing; given it, host filtering follows it unless the operator set AllowedHosts.
/// </summary>
public sealed class PublicOriginStartupTests : IAsyncLifetime
{
    private readonly List<ProductionApp> _apps = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var app in _apps)
        {
            await app.DisposeAsync();
        }
    }

    [Theory]
    [InlineData(null, "App:PublicOrigin is not set")]
    [InlineData("cogov.example.org", "App:PublicOrigin 'cogov.example.org' is not an origin")]
    [InlineData("https://cogov.example.org/cogov", "is not an origin")]
    [InlineData("http://cogov.example.org", "is plain http")]
    [InlineData("https://cogov.example.org", null)]
    public async Task ProductionStartsOnlyWithAnHttpsPublicOrigin(string? origin, string? error)
    {
        var app = Production(origin is null ? [] : new() { ["App:PublicOrigin"] = origin });

        var failure = Record.Exception(app.StartServer);

        if (error is null)
        {
            Assert.Null(failure);
            Assert.Equal("https://cogov.example.org/Account/ResetPassword", app.Services.GetRequiredService<PublicOrigin>().Link("Account/ResetPassword"));
            Assert.Equal(["cogov.example.org"], app.Services.GetRequiredService<IOptions<HostFilteringOptions>>().Value.AllowedHosts);
        }
        else
        {
            Assert.NotNull(failure);
            var messages = string.Join("\n", Flatten(failure).Select(e => e.Message));
            Assert.Contains("App:PublicOrigin", messages, StringComparison.Ordinal);
            Assert.Contains(error, messages, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AnOperatorsOwnAllowedHostsWinOverThePublicOrigins()
    {
        var app = Production(new() { ["App:PublicOrigin"] = "https://cogov.example.org", ["AllowedHosts"] = "cogov.example.org;cogov.internal" });

        app.StartServer();

        Assert.Equal(["cogov.example.org", "cogov.internal"], app.Services.GetRequiredService<IOptions<HostFilteringOptions>>().Value.AllowedHosts);
    }

    [Fact]
    public async Task AMalformedTrustedProxyStopsTheStartNamingTheSetting()
    {
        var app = Production(new() { ["App:PublicOrigin"] = "https://cogov.example.org", ["App:TrustedProxies:0"] = "the proxy" });

        var failure = Record.Exception(app.StartServer);

        Assert.Contains("App:TrustedProxies has 'the proxy'", string.Join("\n", Flatten(failure!).Select(e => e.Message)), StringComparison.Ordinal);
    }

    private ProductionApp Production(Dictionary<string, string> settings)
    {
        var app = new ProductionApp(settings);
        _apps.Add(app);
        return app;
    }

    private static IEnumerable<Exception> Flatten(Exception exception) =>
        exception is AggregateException aggregate ? aggregate.InnerExceptions.SelectMany(Flatten)
        : exception.InnerException is { } inner ? [exception, .. Flatten(inner)]
        : [exception];

    private sealed class ProductionApp(Dictionary<string, string> settings) : CoGovWebApp(demo: false)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}
