using System.Net;
using System.Text;
using CsvHelper;

namespace CoGov.Web.Tests.Downloads;

/// <summary>A CSV download as a spreadsheet would read it: checked for the BOM and CRLF, then parsed back with CsvHelper.</summary>
internal sealed record CsvDownloadFile(string FileName, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyDictionary<string, string>> Rows, string Text)
{
    public IEnumerable<string> Column(string header) => Rows.Select(r => r[header]);

    public static async Task<CsvDownloadFile> GetAsync(HttpClient client, string address)
    {
        var response = await client.GetAsync(address);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble), "The file does not start with the UTF-8 byte order mark.");
        var text = Encoding.UTF8.GetString(bytes.AsSpan(Encoding.UTF8.Preamble.Length));
        // Every record ends with CRLF; a line break of any other kind may only sit inside a quoted cell (an answer's paragraphs).
        var outsideQuotes = string.Concat(text.Split('"').Where((_, i) => i % 2 == 0));
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', outsideQuotes.Replace("\r\n", "", StringComparison.Ordinal));
        Assert.DoesNotContain('\r', outsideQuotes.Replace("\r\n", "", StringComparison.Ordinal));

        using var reader = CsvReader.Create(bytes);
        var rows = new List<IReadOnlyDictionary<string, string>>();
        string[]? headers = null;
        while (reader.Read())
        {
            headers ??= [.. reader.Headers];
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < headers.Length; i++)
            {
                row[headers[i]] = reader.GetString(i) ?? "";
            }
            rows.Add(row);
        }
        headers ??= [.. reader.Headers];
        Assert.Equal(rows.Count + 1, outsideQuotes.Split("\r\n").Length - 1);
        return new CsvDownloadFile(response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName!.Trim('"'), headers, rows, text);
    }
}
