using System.Globalization;
using CoGov.Workflows.Cycles;
using CoGov.Workflows.Policies;
using CoGov.Workflows.Questions;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.OpenApi;

namespace CoGov.Web.Api;

/// <summary>
/// One question's thread and every action on it, as the question's page offers them. A read answers the question's
/// ETag; every write accepts If-Match and answers the question as it now stands with its new ETag.
/// </summary>
public static class QuestionsApi
{
    /// <summary>The address of one question, as the API's routes name it.</summary>
    public readonly record struct QuestionRoute(string OrganisationKey, string SystemKey, int Cycle, int Number);

    public sealed record AnswerBody(string Answer);

    public sealed record ChallengeBody(string Grounds);

    public sealed record ClarificationBody(string WhatIsUnclear);

    /// <param name="ToPersonKey">The manager to delegate the answer to; the accountable manager stays accountable.</param>
    public sealed record DelegateBody(string ToPersonKey, string Reason);

    /// <param name="ToPersonKey">The manager the question is routed to from now on.</param>
    public sealed record ReassignBody(string ToPersonKey, string Reason);

    /// <param name="WorkingDays">Working days more to answer, 1 to 60.</param>
    public sealed record ExtensionBody(int WorkingDays, string Reason);

    /// <param name="Grant">True grants the working days asked, false refuses them; either way the manager's clock runs again.</param>
    public sealed record ExtensionDecisionBody(bool Grant, string? Comment = null);

    public sealed record WithdrawBody(string Reason);

    public sealed record ResolutionBody(string Resolution);

    /// <param name="AssigneeKey">The accountable manager, when not the routing policy's choice.</param>
    /// <param name="WorkingDays">Working days to answer, when not the policy's.</param>
    public sealed record SendQuestionBody(string? AssigneeKey = null, int? WorkingDays = null);

    private const string Question = "/organisations/{organisationKey}/systems/{systemKey}/cycles/{cycle:int}/questions/{number:int}";
    private const string QuestionReload = "/organisations/{organisationKey}/systems/{systemKey}/cycles/{cycle}/questions/{number}";

    /// <summary>
    /// The question's version: the sequence of its newest log entry, since every change to a question writes one (and
    /// nothing else does), and 0 for a draft nobody has touched.
    /// </summary>
    public static string ETagOf(QuestionThread thread) =>
        ApiETags.Of((thread.Entries.Count == 0 ? 0 : thread.Entries.Max(e => e.Sequence)).ToString(CultureInfo.InvariantCulture));

    public static RouteGroupBuilder MapQuestionsApi(this RouteGroupBuilder api)
    {
        var questions = api.MapGroup(Question).WithTags("Questions");

        questions.MapGet("", async ([AsParameters] QuestionRoute route, HttpContext context, IMediator mediator, CancellationToken cancellationToken) =>
                TypedResults.Ok(await ReadAsync(context, mediator, route, cancellationToken)))
            .WithName("GetQuestionThread")
            .WithSummary("One question with who answers it and by when, every log entry about it with its hash, whether the cycle's log verifies, and what the token's member may do now.")
            .WithDescription("The ETag is the sequence of the question's newest log entry: it changes exactly when the question moves. Send it back as If-Match on a write to be refused with 412 if someone acted meanwhile.")
            .DescribesETag(write: false);

        Write(questions, "answer", "AnswerQuestion",
            "The accountable manager (or their delegate) answers the question; their clock stops while the workers' side reviews it.",
            (QuestionRoute q, AnswerBody body) => new AnswerQuestion(q.OrganisationKey, q.SystemKey, q.Cycle, q.Number, body.Answer));
        Write(questions, "accept", "AcceptAnswer",
            "The workers' side accepts the answer: the question is settled for this cycle.",
            q => new AcceptAnswer(q.OrganisationKey, q.SystemKey, q.Cycle, q.Number));
        Write(questions, "challenge", "ChallengeAnswer",
            "The workers' side challenges the answer with its grounds; the question goes on the joint committee's agenda.",
            (QuestionRoute q, ChallengeBody body) => new ChallengeAnswer(q.OrganisationKey, q.SystemKey, q.Cycle, q.Number, body.Grounds));
        Write(questions, "request-clarification", "RequestClarification",
            "The workers' side says what is unclear in the answer; the manager's clock runs again.",
            (QuestionRoute q, ClarificationBody body) => new RequestClarification(q.OrganisationKey, q.SystemKey, q.Cycle, q.Number, body.WhatIsUnclear));
        Write(questions, "delegate", "DelegateQuestion",
            "The accountable manager delegates the answer to another manager, and stays accountable for it.",
            (QuestionRoute q, DelegateBody body) => new DelegateQuestion(q.OrganisationKey, q.SystemKey, q.Cycle, q.Number, body.ToPersonKey, body.Reason));
        Write(questions, "reassign", "ReassignQuestion",
            "The workers' side routes the question to another accountable manager, with its reason.",
            (QuestionRoute q, ReassignBody body) => new ReassignQuestion(q.OrganisationKey, q.SystemKey, q.Cycle, q.Number, body.ToPersonKey, body.Reason));
        Write(questions, "request-extension", "RequestExtension",
            "The accountable manager asks for more working days to answer; their clock stops until the workers' side decides.",
            (QuestionRoute q, ExtensionBody body) => new RequestExtension(q.OrganisationKey, q.SystemKey, q.Cycle, q.Number, body.WorkingDays, body.Reason));
        Write(questions, "decide-extension", "DecideExtension",
            "The workers' side grants or refuses the more time asked; the manager's clock runs again.",
            (QuestionRoute q, ExtensionDecisionBody body) => new DecideExtension(q.OrganisationKey, q.SystemKey, q.Cycle, q.Number, body.Grant, body.Comment));
        Write(questions, "escalate", "EscalateQuestion",
            "The workers' side escalates an unanswered question to the manager's superior and the management chair at once.",
            q => new EscalateQuestion(q.OrganisationKey, q.SystemKey, q.Cycle, q.Number));
        Write(questions, "remind", "SendReminder",
            "The workers' side reminds the accountable manager of the question at once.",
            q => new SendReminder(q.OrganisationKey, q.SystemKey, q.Cycle, q.Number));
        Write(questions, "withdraw", "WithdrawQuestion",
            "The workers' side withdraws the question from this cycle, with its reason.",
            (QuestionRoute q, WithdrawBody body) => new WithdrawQuestion(q.OrganisationKey, q.SystemKey, q.Cycle, q.Number, body.Reason));
        Write(questions, "resolve", "RecordCommitteeResolution",
            "A chair records the joint committee's resolution of a challenged answer: the question is settled.",
            (QuestionRoute q, ResolutionBody body) => new RecordCommitteeResolution(q.OrganisationKey, q.SystemKey, q.Cycle, q.Number, body.Resolution));
        Write(questions, "send", "SendQuestion",
            "The workers' side sends this one draft question, to the routing policy's manager or the one named, with the policy's deadline or the one given.",
            (QuestionRoute q, SendQuestionBody body) => new SendQuestions(q.OrganisationKey, q.SystemKey, q.Cycle,
                [new QuestionRouting(q.Number, body.AssigneeKey, body.WorkingDays)]));

        questions.MapGet("routing-offer", async ([AsParameters] QuestionRoute route, IMediator mediator, CancellationToken cancellationToken) =>
                TypedResults.Ok(await mediator.Send(new GetRoutingOffer(route.OrganisationKey, route.SystemKey, route.Cycle, route.Number), cancellationToken)))
            .WithName("GetRoutingOffer")
            .WithSummary("Whether the question's accepted answer offers the token's member to update the system's routing of accountable managers.");

        return api;
    }

    /// <summary>An action with a body: the command is made from the route and the body alone.</summary>
    private static void Write<TBody>(RouteGroupBuilder questions, string action, string name, string summary, Func<QuestionRoute, TBody, ICommand> command) =>
        questions.MapPost(action, async Task<Ok<QuestionThread>> (
                [AsParameters] QuestionRoute route, TBody body, HttpContext context, IMediator mediator, CancellationToken cancellationToken) =>
                await ActAsync(context, mediator, route, command(route, body), cancellationToken))
            .Describe(name, summary);

    /// <summary>An action that needs nothing but the question's address.</summary>
    private static void Write(RouteGroupBuilder questions, string action, string name, string summary, Func<QuestionRoute, ICommand> command) =>
        questions.MapPost(action, async Task<Ok<QuestionThread>> (
                [AsParameters] QuestionRoute route, HttpContext context, IMediator mediator, CancellationToken cancellationToken) =>
                await ActAsync(context, mediator, route, command(route), cancellationToken))
            .Describe(name, summary);

    private static void Describe(this RouteHandlerBuilder endpoint, string name, string summary) => endpoint
        .WithName(name)
        .WithSummary(summary)
        .WithDescription("Send the question's ETag as If-Match to be refused with 412 (and nothing changed) if it moved since you read it. Answers the question as it now stands, with its new ETag.")
        .ProducesCommandProblems()
        .ProducesProblem(StatusCodes.Status412PreconditionFailed)
        .ReloadFrom(QuestionReload)
        .DescribesETag(write: true);

    /// <summary>
    /// Puts in the document what travels in HTTP headers, so a generated client offers it: the ETag a question's read
    /// and writes answer, and the If-Match a write accepts.
    /// </summary>
    private static RouteHandlerBuilder DescribesETag(this RouteHandlerBuilder endpoint, bool write) =>
        endpoint.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            if (operation.Responses?.TryGetValue("200", out var ok) == true && ok is OpenApiResponse response)
            {
                response.Headers ??= new Dictionary<string, IOpenApiHeader>();
                response.Headers["ETag"] = new OpenApiHeader
                {
                    Description = "The question's version: the sequence of its newest log entry.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                };
            }
            if (write)
            {
                operation.Parameters ??= [];
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = "If-Match",
                    In = ParameterLocation.Header,
                    Required = false,
                    Description = "The ETag the question had when read; the write is refused with 412, and nothing changed, if it moved since.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                });
            }
            return Task.CompletedTask;
        });

    private static async Task<Ok<QuestionThread>> ActAsync(HttpContext context, IMediator mediator, QuestionRoute route, ICommand command, CancellationToken cancellationToken)
    {
        // The current version is read only when the client names one: without If-Match the engine's own check guards the write (409).
        if (context.Request.Headers.IfMatch.Count > 0)
        {
            var current = await mediator.Send(Thread(route), cancellationToken);
            ApiETags.RequireMatch(context, ETagOf(current));
        }
        await mediator.Send(command, cancellationToken);
        return TypedResults.Ok(await ReadAsync(context, mediator, route, cancellationToken));
    }

    private static async Task<QuestionThread> ReadAsync(HttpContext context, IMediator mediator, QuestionRoute route, CancellationToken cancellationToken)
    {
        var thread = await mediator.Send(Thread(route), cancellationToken);
        ApiETags.Set(context, ETagOf(thread));
        return thread;
    }

    private static GetQuestionThread Thread(QuestionRoute route) => new(route.OrganisationKey, route.SystemKey, route.Cycle, route.Number);
}
