using CsvHelper;

namespace CoGov.Web.Downloads;

/// <summary>A column of a download: its header, already in the reader's language, and its cell for a row.</summary>
public sealed record CsvColumn<TRow>(string Header, Func<TRow, string?> Cell);

/// <summary>
/// Every CSV download is written here, by CsvHelper: RFC 4180 quoting (commas, quotes and line breaks inside an answer
/// stay in their cell), CRLF line ends, and UTF-8 with a byte order mark, without which Excel reads the file in the
/// machine's legacy code page and garbles every accent in a name or an answer.
/// </summary>
public static class CsvFile
{
    /// <summary>
    /// A cell starting with =, +, -, @, tab or carriage return gets a single quote in front. The cells hold what anyone
    /// with a login typed (a system's name, a manager's answer), and a spreadsheet runs such a cell as a formula when the
    /// committee opens the file: =HYPERLINK(...) would send their data to another site, a DDE formula start a program.
    /// The quote makes the spreadsheet show the cell as text, as OWASP's CSV injection advice says; set here explicitly
    /// rather than trusting the library's defaults, since the default is to write the cell as it is.
    /// </summary>
    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with
    {
        NewLine = "\r\n",
        WriteByteOrderMark = true,
        Injection = CsvInjection.Escape,
        InjectionCharacters = "=+-@\t\r",
        InjectionEscape = '\'',
    };

    public const string ContentType = "text/csv; charset=utf-8";

    /// <summary>The file's bytes: a header row, then a record per row.</summary>
    public static byte[] Write<TRow>(IReadOnlyList<CsvColumn<TRow>> columns, IEnumerable<TRow> rows)
    {
        using var stream = new MemoryStream();
        using (var writer = CsvWriter.Create(stream, Options, leaveOpen: true))
        {
            foreach (var column in columns)
            {
                writer.WriteField(column.Header);
            }
            writer.EndRecord();
            foreach (var row in rows)
            {
                foreach (var column in columns)
                {
                    writer.WriteField(column.Cell(row));
                }
                writer.EndRecord();
            }
        }
        return stream.ToArray();
    }

    /// <summary>The file as a download (Content-Disposition: attachment) named <paramref name="fileName"/>.</summary>
    public static IResult Download<TRow>(string fileName, IReadOnlyList<CsvColumn<TRow>> columns, IEnumerable<TRow> rows) =>
        Results.File(Write(columns, rows), ContentType, fileName);
}
