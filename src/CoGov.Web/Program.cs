using CoGov.Web.Api;
using CoGov.Web.Archives;
using CoGov.Web.Calendar;
using CoGov.Web.Components;
using CoGov.Web.Components.Account;
using CoGov.Web.Downloads;
using CoGov.Web.Infrastructure;
using CoGov.Web.Records;
using CoGov.Web.Setup;
using CoGov.Workflows;
using CoGov.Workflows.Identity;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using MudBlazor.Services;

if (CreateOrganisationCommandLine.Handles(args))
{
    Environment.ExitCode = await CreateOrganisationCommandLine.RunAsync(args);
    return;
}
if (ExportOrganisationCommandLine.Handles(args))
{
    Environment.ExitCode = await ExportOrganisationCommandLine.RunAsync(args);
    return;
}
if (VerifyLogCommandLine.Handles(args))
{
    Environment.ExitCode = await VerifyLogCommandLine.RunAsync(args);
    return;
}
if (ImportOrganisationCommandLine.Handles(args))
{
    Environment.ExitCode = await ImportOrganisationCommandLine.RunAsync(args);
    return;
}

// `dotnet run --project src/CoGov.Web -- --demo` loads the demo organisation and its logins. The switch is taken out
// before configuration reads the arguments, which would otherwise take the next argument as its value
// (`--demo --urls X` lost the address).
var demo = args.Contains("--demo");
var builder = WebApplication.CreateBuilder([.. args.Where(a => a != "--demo")]);
if (demo)
{
    builder.Configuration["Seed:Demo"] = "true";
}

builder.AddCoGovWorkflows();
builder.AddRecordPrinting();
builder.AddCalendarFeeds();
builder.AddCsvDownloads();
builder.AddFirstRunSetup();
builder.AddWebSecurity();
builder.AddCoGovSignInLockouts();
builder.AddCoGovRateLimits();
builder.AddCoGovTwoFactorRequirement();
builder.AddMailLinks();
builder.AddAnswerLinkPages();
builder.AddCoGovKeyRing();
builder.AddCoGovApi();

builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddMudServices();
builder.Services.AddLocalization(options => options.ResourcesPath = Program.ResourcesPath);
builder.Services.AddSignedInUser();

builder.Services.AddCascadingAuthenticationState();
builder.Services.AddScoped<IdentityRedirectManager>();
builder.Services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
builder.Services.AddAuthentication(options =>
    {
        options.DefaultScheme = IdentityConstants.ApplicationScheme;
        options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
    })
    .AddIdentityCookies();
builder.Services.AddAuthorization();
// The engine registers the user store; sign-in and account tokens are the web app's alone. No role store: roles are
// held per organisation on a membership, never as claims of the login (decision record 8).
builder.Services.Configure<IdentityOptions>(options => options.SignIn.RequireConfirmedAccount = true);
// A removed or locked login's cookie is refused at its next request, not at the next check half an hour later
// (decision record 10).
builder.Services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.Zero);
new IdentityBuilder(typeof(CoGovUser), builder.Services)
    .AddSignInManager<CoGovSignInManager>()
    .AddDefaultTokenProviders();
builder.Services.AddSingleton<IEmailSender<CoGovUser>, AccountEmailSender>();
builder.Services.AddDatabaseDeveloperPageExceptionFilter();

var app = builder.Build();
app.UseWebSecurity();

if (app.Environment.IsDevelopment())
{
    app.UseMigrationsEndPoint();
}
else
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
}
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseRequestLocalization(options => options
    .SetDefaultCulture("en")
    .AddSupportedCultures("en", "en-GB", "fr", "es", "pt")
    .AddSupportedUICultures("en", "fr", "es", "pt"));

app.UseAuthentication();
app.UseAuthorization();
app.UseSignedInUser();
app.UseUploadSizeLimit();
app.UseCoGovRateLimits();
app.UseCoGovTwoFactorRequirement();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);
app.MapAdditionalIdentityEndpoints();
app.MapRecordDownloads();
app.MapCalendarFeeds();
app.MapCsvDownloads();
app.MapCoGovApi();
app.MapOrganisationExport();

app.Run();

public partial class Program
{
    /// <summary>Where each component's texts live: Resources/&lt;its folder&gt;/&lt;its name&gt;.resx, and one file per language beside it.</summary>
    public const string ResourcesPath = "Resources";
}
