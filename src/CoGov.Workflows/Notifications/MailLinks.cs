namespace CoGov.Workflows.Notifications;

/// <summary>
/// The addresses a mail sends its reader to: absolute, built by the web app from its pages and its public origin
/// (decision records 17 and 20). The mail is worded here, where the pages cannot be seen, so the web app answers through
/// this seam. Each address is asked for the person the mail goes to: what one recipient may open (a page they sign in
/// to, or a link made for them alone) need not be what another may.
/// </summary>
public interface IMailLinks
{
    /// <summary>The page of one question, where the recipient acts on it (answers, decides, accepts or follows it).</summary>
    Task<Uri?> QuestionAsync(Guid recipientPersonId, Guid assessmentId, string organisationKey, string systemKey, int cycle, int questionNumber, CancellationToken cancellationToken);

    /// <summary>The cycle's page, which lists its questions and compares its log with the anchors CoGov knows.</summary>
    Task<Uri?> CycleAsync(Guid recipientPersonId, string organisationKey, string systemKey, int cycle, CancellationToken cancellationToken);

    /// <summary>The cycle's sign-off page.</summary>
    Task<Uri?> SignOffAsync(Guid recipientPersonId, string organisationKey, string systemKey, int cycle, CancellationToken cancellationToken);

    /// <summary>
    /// Where the recipient changes how they get mail from this organisation; it opens without signing in, for people who
    /// have no login, and so it is also the mail's <c>List-Unsubscribe</c> address.
    /// </summary>
    Task<Uri?> MailPreferencesAsync(Guid recipientPersonId, string organisationKey, CancellationToken cancellationToken);
}

/// <summary>
/// What a host without the web app (the command line, the engine's own tests) has: no pages, so no addresses. The mail
/// then says to act in CoGov itself, as it did before links. The web app replaces it.
/// </summary>
internal sealed class NoPagesToLink : IMailLinks
{
    public Task<Uri?> QuestionAsync(Guid recipientPersonId, Guid assessmentId, string organisationKey, string systemKey, int cycle, int questionNumber, CancellationToken cancellationToken) =>
        Task.FromResult<Uri?>(null);

    public Task<Uri?> CycleAsync(Guid recipientPersonId, string organisationKey, string systemKey, int cycle, CancellationToken cancellationToken) =>
        Task.FromResult<Uri?>(null);

    public Task<Uri?> SignOffAsync(Guid recipientPersonId, string organisationKey, string systemKey, int cycle, CancellationToken cancellationToken) =>
        Task.FromResult<Uri?>(null);

    public Task<Uri?> MailPreferencesAsync(Guid recipientPersonId, string organisationKey, CancellationToken cancellationToken) =>
        Task.FromResult<Uri?>(null);
}
