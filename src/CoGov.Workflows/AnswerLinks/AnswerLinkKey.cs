namespace CoGov.Workflows.AnswerLinks;

/// <summary>
/// The key answer links are signed with, as the database keeps it: encrypted by ASP.NET Data Protection, whose own keys
/// live outside the database. Whoever reads the database alone can neither read this key nor forge a link; every node
/// that shares the Data Protection keys (as it must already, for sign-in cookies) reads the same key (decision record 21).
/// </summary>
public sealed class AnswerLinkKey
{
    /// <summary>There is one key; its row always has this id, so two nodes creating it at once cannot both succeed.</summary>
    public const int TheKey = 1;

    private AnswerLinkKey()
    {
        Protected = "";
    }

    internal AnswerLinkKey(string protectedKey, DateTimeOffset createdAt)
    {
        Id = TheKey;
        Protected = protectedKey;
        CreatedAt = createdAt.ToUniversalTime();
    }

    public int Id { get; private set; }

    /// <summary>The key as Data Protection's <c>Protect</c> returned it.</summary>
    public string Protected { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
}
