namespace CoGov.Workflows.Seeding;

/// <summary>The <c>Seed</c> section of configuration: what is loaded from <c>seed/</c> at start-up.</summary>
public sealed class SeedOptions
{
    public const string SectionName = "Seed";

    /// <summary>The folder holding <c>templates/</c> and <c>demo/</c>; relative paths are from the app's folder.</summary>
    public string Folder { get; set; } = "seed";

    /// <summary>Import the bundled questionnaire templates and the default routing policy when they are not in the database yet.</summary>
    public bool Templates { get; set; } = true;

    /// <summary>Import the demo organisation and create its demo logins (never on a real instance).</summary>
    public bool Demo { get; set; }
}
