namespace CoGov.Workflows.Ledger;

/// <summary>Where anchors go besides the chairs' mail (configuration section <c>Ledger</c>).</summary>
public sealed class LedgerOptions
{
    public const string SectionName = "Ledger";

    /// <summary>
    /// A text file CoGov appends one JSON line to for every anchor it sends, outside the database, for an operator to
    /// ship elsewhere (another host, a write-once store). Empty: no file. Relative paths are taken from the content root.
    /// </summary>
    public string? AnchorFile { get; set; }
}
