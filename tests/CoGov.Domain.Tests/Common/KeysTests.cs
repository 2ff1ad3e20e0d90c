using CoGov.Domain.Common;

namespace CoGov.Domain.Tests.Common;

public sealed class KeysTests
{
    [Theory]
    [InlineData("riverside-hospital")]
    [InlineData("rostering")]
    [InlineData("a")]
    [InlineData("psi-2024-v2")]
    [InlineData("7")]
    public void LowercaseLettersDigitsAndSingleHyphensAreValidKeys(string key)
    {
        Assert.True(Keys.IsValid(key));
        Assert.Equal(key, Keys.Require(key, KeyOf.System));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Rostering")]
    [InlineData("staff rostering")]
    [InlineData("staff_rostering")]
    [InlineData("staff--rostering")]
    [InlineData("-rostering")]
    [InlineData("rostering-")]
    [InlineData("résumé")]
    public void OtherKeysAreInvalid(string? key)
    {
        Assert.False(Keys.IsValid(key));
    }

    [Fact]
    public void AKeyMayBeAtMostSixtyFourCharacters()
    {
        Assert.True(Keys.IsValid(new string('a', Keys.MaxLength)));
        Assert.False(Keys.IsValid(new string('a', Keys.MaxLength + 1)));
    }

    [Theory]
    [InlineData("rostering\n")]
    [InlineData("rostering\r\n")]
    public void AKeyWithATrailingLineBreakIsInvalid(string key)
    {
        Assert.False(Keys.IsValid(key));
    }

    [Fact]
    public void RequireRefusesAnInvalidKeyAndSaysWhatAKeyLooksLike()
    {
        var refusal = Assert.Throws<DomainRuleException>(() => Keys.Require("Staff Rostering", KeyOf.System));

        Assert.Equal(
            "'Staff Rostering' is not a valid system key: use 1 to 64 lowercase letters, digits and single hyphens, such as 'staff-rostering'.",
            refusal.Message);
        var violation = Assert.Single(refusal.Violations);
        Assert.Equal("", violation.Path);
    }

    [Theory]
    [InlineData("Amara Okafor", "amara-okafor")]
    [InlineData("  Zoë   O'Brien-Smith ", "zoe-o-brien-smith")]
    [InlineData("Łukasz", "ukasz")]
    [InlineData("陳", "")]
    public void AKeyIsMadeFromANameWithoutAccentsOrPunctuation(string name, string key)
    {
        Assert.Equal(key, Keys.FromName(name));
        Assert.True(key.Length == 0 || Keys.IsValid(key));
    }

    [Fact]
    public void AKeyMadeFromAVeryLongNameLeavesRoomForANumber()
    {
        var key = Keys.FromName(new string('a', 100));

        Assert.True(Keys.IsValid(key + "-99"));
    }
}
