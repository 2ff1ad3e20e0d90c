namespace CoGov.Web.Records;

/// <summary>How records are printed: configuration section <c>Records</c>.</summary>
public sealed class RecordPrinterOptions
{
    public const string SectionName = "Records";

    /// <summary>Debian's chromium; Playwright's own browser download is never used.</summary>
    public string ChromiumPath { get; set; } = "/usr/bin/chromium";

    /// <summary>
    /// How long the browser stays open after the last print. It holds about half a gigabyte while open, and records are
    /// printed a few times a month, so it is started on first use and closed when idle.
    /// </summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>At most this many prints at once; each takes one core while Chromium lays out and prints.</summary>
    public int MaxConcurrentPrints { get; set; } = Environment.ProcessorCount;

    /// <summary>Whether Chromium runs in its own sandbox (decision record 18).</summary>
    public PrintSandbox Sandbox { get; set; } = PrintSandbox.Auto;
}

/// <summary>How <see cref="RecordPrinter"/> asks Chromium for its sandbox: configuration <c>Records:Sandbox</c>.</summary>
public enum PrintSandbox
{
    /// <summary>
    /// The sandbox whenever it can start: not for root, whom Chromium refuses to sandbox, and not where the kernel gives
    /// it no user namespaces; then without it, with a warning in the log.
    /// </summary>
    Auto,

    /// <summary>Always the sandbox: where it cannot start, records are not printed, and the log says why.</summary>
    On,

    /// <summary>Never the sandbox, for a host that already isolates the app (a locked-down container) and says so.</summary>
    Off,
}
