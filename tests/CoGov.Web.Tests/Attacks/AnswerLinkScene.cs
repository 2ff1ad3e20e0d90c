using System.Security.Claims;
using CoGov.Domain.Assessments;
using CoGov.Domain.Organisations;
using CoGov.Workflows.AnswerLinks;
using CoGov.Workflows.Common;
using CoGov.Workflows.Identity;
using CoGov.Workflows.People;
using CoGov.Workflows.Persistence;
using CoGov.Workflows.Questions;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoGov.Web.Tests.Attacks;

/// <summary>
/// A manager with no login, added by the administrator, to whom the steward reassigns one of the hospital's questions
/// still waiting for an answer; and the answer link CoGov issues them, as the mail about it would carry it.
/// </summary>
internal sealed record AnswerLinkScene(string Link, string PersonKey, Guid PersonId, Guid AssessmentId, string SystemKey, string SystemName, int Cycle, int Number)
{
    public const string Hospital = DemoLogins.Organisation;

    /// <summary>The link's path, as a test client asks for it.</summary>
    public string Path => new Uri(Link).AbsolutePath;

    /// <summary>The token, as the link carries it.</summary>
    public string Token => Uri.UnescapeDataString(Path["/answer/".Length..]);

    public static async Task<AnswerLinkScene> SetUpAsync(CoGovWebApp app, string name)
    {
        var email = $"{name.ToLowerInvariant().Replace(' ', '.')}@riverside-hospital.example";
        var key = (string)(await SendAsAsync(app, DemoLogins.Admin, new AddPerson(Hospital, name, email, Side.Management, "Ward manager")))!;
        var (assessmentId, systemKey, systemName, cycle, number, _) = await OpenQuestionAsync(app);
        await SendAsAsync(app, DemoLogins.Amara, new ReassignQuestion(Hospital, systemKey, cycle, number, key, "They run the work the system covers."));
        var personId = await PersonIdAsync(app, key);
        var link = await LinkForAsync(app, personId, assessmentId, number)
            ?? throw new InvalidOperationException($"No answer link for {name}, who has no login.");
        return new AnswerLinkScene(link, key, personId, assessmentId, systemKey, systemName, cycle, number);
    }

    public static async Task<string?> LinkForAsync(CoGovWebApp app, Guid personId, Guid assessmentId, int number)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AnswerLinkGate>().LinkForAsync(personId, assessmentId, number, CancellationToken.None);
    }

    /// <summary>The first of the hospital's questions a manager with a login still owes an answer to.</summary>
    public static async Task<(Guid AssessmentId, string SystemKey, string SystemName, int Cycle, int Number, Guid AssigneeId)> OpenQuestionAsync(CoGovWebApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoGovDbContext>();
        var question = await (
                from q in db.QuestionItems
                where q.State == QuestionState.Sent && db.Memberships.Any(m => m.PersonId == q.AssigneeId)
                join a in db.Assessments on q.AssessmentId equals a.Id
                join s in db.Systems on a.SystemId equals s.Id
                join o in db.Organisations on s.OrganisationId equals o.Id
                where o.Key == Hospital
                orderby s.Key, a.Cycle, q.Number
                select new { AssessmentId = a.Id, SystemKey = s.Key, SystemName = s.Name, a.Cycle, q.Number, AssigneeId = q.AssigneeId!.Value })
            .FirstOrDefaultAsync() ?? throw new InvalidOperationException("The hospital has no question left waiting for a manager with a login.");
        return (question.AssessmentId, question.SystemKey, question.SystemName, question.Cycle, question.Number, question.AssigneeId);
    }

    public static async Task<Guid> PersonIdAsync(CoGovWebApp app, string key)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CoGovDbContext>().People.Where(p => p.Key == key).Select(p => p.Id).SingleAsync();
    }

    /// <summary>The question's log entries as stored, oldest first.</summary>
    public async Task<IReadOnlyList<LogEntry>> EntriesAsync(CoGovWebApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CoGovDbContext>().LogEntries.AsNoTracking()
            .Where(e => e.AssessmentId == AssessmentId && e.QuestionNumber == Number).OrderBy(e => e.Sequence).ToListAsync();
    }

    public async Task<AnswerLink> StoredLinkAsync(CoGovWebApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CoGovDbContext>().AnswerLinks.AsNoTracking()
            .Where(l => l.AssessmentId == AssessmentId && l.QuestionNumber == Number && l.PersonId == PersonId)
            .OrderByDescending(l => l.IssuedAt).FirstAsync();
    }

    /// <summary>Sends the request as the login, through the pipeline every page uses.</summary>
    public static Task<object?> SendAsAsync(CoGovWebApp app, string email, object request) =>
        Api.ApiClients.SendAsAsync(app, email, request);

    /// <summary>Opens the link in a scope of its own, then sends <paramref name="request"/> through it, as its page would.</summary>
    public async Task<object?> SendThroughLinkAsync(CoGovWebApp app, object request, string? token = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var opening = await scope.ServiceProvider.GetRequiredService<AnswerLinkGate>().OpenAsync(token ?? Token, null, CancellationToken.None);
        Assert.Equal(AnswerLinkStanding.Valid, opening.Standing);
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }
}
