using CoGov.Workflows.Common;
using CoGov.Workflows.Import;
using Microsoft.EntityFrameworkCore;

namespace CoGov.Workflows.Tests.Common.Behaviours;

public sealed class ValidationBehaviourTests
{
    [Fact]
    public async Task A_template_upload_with_no_content_is_rejected_naming_the_content()
    {
        await using var app = await TestApp.StartAsync();

        var rejected = await Assert.ThrowsAsync<InputRejectedException>(() => app.SendAsync(new ImportQuestionnaireTemplate("tiny.yaml", "")));

        var messages = Assert.Single(rejected.Errors, e => e.Key == "Content").Value;
        Assert.Equal(["The file is empty."], messages);
        Assert.DoesNotContain("FileName", rejected.Errors.Keys);
        Assert.Contains("Content: The file is empty.", rejected.Message, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Templates.CountAsync()));
    }

    [Fact]
    public async Task Every_bad_input_is_listed_with_its_field()
    {
        await using var app = await TestApp.StartAsync();

        var rejected = await Assert.ThrowsAsync<InputRejectedException>(() => app.SendAsync(new ImportQuestionnaireTemplate("", "")));

        Assert.Equal(["Content", "FileName"], rejected.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_template_file_over_a_megabyte_is_rejected()
    {
        await using var app = await TestApp.StartAsync();

        var rejected = await Assert.ThrowsAsync<InputRejectedException>(() =>
            app.SendAsync(new ImportQuestionnaireTemplate("huge.yaml", "# " + new string('x', 1_000_000))));

        Assert.Equal(["A questionnaire file is at most 1 MB."], rejected.Errors["Content"]);
    }

    [Fact]
    public async Task An_organisation_upload_with_no_content_is_rejected_naming_the_content()
    {
        await using var app = await TestApp.StartAsync();

        var rejected = await Assert.ThrowsAsync<InputRejectedException>(() => app.SendAsync(new ImportOrganisation("empty.yaml", "")));

        Assert.Equal(["The file is empty."], rejected.Errors["Content"]);
        Assert.Equal(0, await app.WithDbAsync(db => db.Organisations.CountAsync()));
    }
}
