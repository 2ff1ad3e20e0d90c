using CoGov.Domain.Common;
using CoGov.Workflows.Common;
using CoGov.Workflows.Import;
using CoGov.Workflows.Templates;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Tests.Common.Behaviours;

public sealed class ValidationBehaviourTests
{
    [Fact]
    public async Task ATemplateUploadWithNoContentIsRejectedNamingTheContent()
    {
        await using var app = await TestApp.StartAsync();

        var rejected = await Assert.ThrowsAsync<InputRejectedException>(() => app.SendAsync(new ImportQuestionnaireTemplate(null, "tiny.yaml", "")));

        var messages = Assert.Single(rejected.Errors, e => e.Key == "Content").Value;
        Assert.Equal([new Phrase("The file is empty.")], messages);
        Assert.DoesNotContain("FileName", rejected.Errors.Keys);
        Assert.Contains("Content: The file is empty.", rejected.Message, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Templates.CountAsync()));
    }

    [Fact]
    public async Task EveryBadInputIsListedWithItsField()
    {
        await using var app = await TestApp.StartAsync();

        var rejected = await Assert.ThrowsAsync<InputRejectedException>(() => app.SendAsync(new ImportQuestionnaireTemplate(null, "", "")));

        Assert.Equal(["Content", "FileName"], rejected.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ARuleOfOursTravelsAsItsTemplateAndArgumentsAndFluentValidationsOwnAsItsText()
    {
        await using var app = await TestApp.StartAsync();

        var rejected = await Assert.ThrowsAsync<InputRejectedException>(() => app.SendAsync(new ImportQuestionnaireTemplate(null, "", "")));

        Assert.Equal("The file is empty.", Assert.Single(rejected.Errors["Content"]).Template);
        var fileName = Assert.Single(rejected.Errors["FileName"]);
        Assert.Equal(Phrase.Verbatim("'File Name' must not be empty."), fileName);
        Assert.Equal("{0}", fileName.Template);
    }

    [Fact]
    public async Task ATemplateFileOverAMegabyteIsRejected()
    {
        await using var app = await TestApp.StartAsync();

        var rejected = await Assert.ThrowsAsync<InputRejectedException>(() =>
            app.SendAsync(new ImportQuestionnaireTemplate(null, "huge.yaml", "# " + new string('x', 1_000_000))));

        Assert.Equal([new Phrase("A questionnaire file is at most 1 MB.")], rejected.Errors["Content"]);
    }

    [Fact]
    public async Task AnOrganisationUploadWithNoContentIsRejectedNamingTheContent()
    {
        await using var app = await TestApp.StartAsync();

        var rejected = await Assert.ThrowsAsync<InputRejectedException>(() => app.SendAsync(new ImportOrganisation("empty.yaml", "")));

        Assert.Equal([new Phrase("The file is empty.")], rejected.Errors["Content"]);
        Assert.Equal(0, await app.WithDbAsync(db => db.Organisations.CountAsync()));
    }
}
