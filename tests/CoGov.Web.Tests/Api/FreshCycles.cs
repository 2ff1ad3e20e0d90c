using CoGov.Domain.Systems;
using CoGov.Workflows.Cycles;
using CoGov.Workflows.Systems;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CoGov.Web.Tests.Api;

/// <summary>
/// A system of the demo hospital's own, registered for one test, with a cycle opened on PSI's questionnaire and some
/// of its questions sent to Daniel Reyes: what a test of a write changes, so that no other test's reading moves.
/// </summary>
internal static class FreshCycles
{
    public const string Questionnaire = "psi-co-governance";
    public const string ManagerKey = "daniel-reyes";

    public static async Task<string> RegisterAsync(WebApplicationFactory<Program> app, string systemKey)
    {
        await app.SendAsAsync(DemoLogins.Admin, new RegisterSystem(DemoLogins.Organisation, systemKey, $"Test system {systemKey}",
            "Decides shifts.", "Vendor", Sourcing.Procured, null, [], "Operations"));
        return systemKey;
    }

    /// <summary>
    /// Registers the system, opens its cycle 1 with Daniel accountable, and sends <paramref name="send"/> to him, due
    /// in three working days so that each is on the chase board as due this week.
    /// </summary>
    public static async Task<string> OpenAsync(WebApplicationFactory<Program> app, string systemKey, params int[] send)
    {
        await RegisterAsync(app, systemKey);
        await app.SendAsAsync(DemoLogins.Steward, new OpenCycle(DemoLogins.Organisation, systemKey, Questionnaire, ManagerKey));
        if (send.Length > 0)
        {
            await app.SendAsAsync(DemoLogins.Steward, new SendQuestions(DemoLogins.Organisation, systemKey, 1,
                [.. send.Select(number => new QuestionRouting(number, ManagerKey, WorkingDays: 3))]));
        }
        return systemKey;
    }
}
