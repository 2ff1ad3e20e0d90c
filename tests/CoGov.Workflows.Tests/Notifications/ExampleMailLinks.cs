using CoGov.Workflows.Notifications;

namespace CoGov.Workflows.Tests.Notifications;

/// <summary>
/// Addresses as the web app would make them, at a fixed origin, so the engine's tests can see each mail's link without
/// the web app. Each address names what it leads to and the recipient it was asked for.
/// </summary>
internal sealed class ExampleMailLinks : IMailLinks
{
    public const string Origin = "https://cogov.example.org/";

    public Task<Uri?> QuestionAsync(Guid recipientPersonId, Guid assessmentId, string organisationKey, string systemKey, int cycle, int questionNumber, CancellationToken cancellationToken) =>
        Link($"organisations/{organisationKey}/systems/{systemKey}/cycles/{cycle}/questions/{questionNumber}?for={recipientPersonId:N}");

    public Task<Uri?> CycleAsync(Guid recipientPersonId, string organisationKey, string systemKey, int cycle, CancellationToken cancellationToken) =>
        Link($"organisations/{organisationKey}/systems/{systemKey}?cycle={cycle}&for={recipientPersonId:N}");

    public Task<Uri?> SignOffAsync(Guid recipientPersonId, string organisationKey, string systemKey, int cycle, CancellationToken cancellationToken) =>
        Link($"organisations/{organisationKey}/systems/{systemKey}/cycles/{cycle}/sign-off?for={recipientPersonId:N}");

    public Task<Uri?> MailPreferencesAsync(Guid recipientPersonId, string organisationKey, CancellationToken cancellationToken) =>
        Link($"organisations/{organisationKey}/mail-preferences?link={recipientPersonId:N}");

    private static Task<Uri?> Link(string relative) => Task.FromResult<Uri?>(new Uri(new Uri(Origin), relative));
}
