using System.Reflection;
using CoGov.Domain.Organisations;
using CoGov.Workflows.Common;
using CoGov.Workflows.Questions;

namespace CoGov.Workflows.AnswerLinks;

/// <summary>
/// The few requests an answer link may send: reading its question, answering, delegating with a reason and asking for
/// more time. Marked on the request itself so the list is seen where each request is written; anything unmarked is
/// refused to a link, whatever question it names.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class AnswerableThroughLinkAttribute : Attribute;

/// <summary>
/// What a verified answer link lets its bearer do in this scope: act as <see cref="Actor"/> on exactly one question.
/// Set by <see cref="AnswerLinkGate.OpenAsync"/> once the token checked out, and read by the authorisation behaviour.
/// </summary>
/// <param name="Actor">The person the link was issued to, with the login the log records: <c>link:&lt;link id&gt;</c>.</param>
public sealed record AnswerLinkGrant(Guid LinkId, string OrganisationKey, string SystemKey, int Cycle, int Number, Actor Actor)
{
    /// <summary>The prefix of <see cref="Domain.Assessments.LogEntry.ActingLogin"/> for what was done through a link.</summary>
    public const string LoginPrefix = "link:";

    /// <summary>The roles a link acts with: those of the manager it answers for, and only for the marked requests.</summary>
    internal static readonly IReadOnlyList<string> Roles = [Identity.Roles.Manager];

    public static string LoginOf(Guid linkId) => $"{LoginPrefix}{linkId:D}";

    /// <summary>Whether a log entry's acting login says it was done through an answer link.</summary>
    public static bool IsLinkLogin(string? actingLogin) => actingLogin?.StartsWith(LoginPrefix, StringComparison.Ordinal) == true;

    public static bool MaySend(Type request) => request.IsDefined(typeof(AnswerableThroughLinkAttribute), inherit: false);

    /// <summary>
    /// Whether the link covers this request: a marked request about its own question. Anything else answers as if it did
    /// not exist, so a link tells nothing about the rest of the organisation.
    /// </summary>
    internal bool Covers(object request) =>
        MaySend(request.GetType())
        && request is IQuestionRequest question
        && string.Equals(question.OrganisationKey, OrganisationKey, StringComparison.Ordinal)
        && string.Equals(question.SystemKey, SystemKey, StringComparison.Ordinal)
        && question.Cycle == Cycle
        && question.Number == Number;
}
