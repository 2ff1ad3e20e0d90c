using CoGov.Web.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace CoGov.Web.Tests.Infrastructure;

/// <summary>
/// With <c>DataProtection:KeysFolder</c> set, the keys are written to that folder and whatever one app signed, another
/// app started later on the same folder (a restart, or a second node at another path) reads back.
/// </summary>
public sealed class KeyRingTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"cogov-keys-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public void WhatOneAppSignsAnAppStartedLaterOnTheSameKeysFolderFromAnotherPathReads()
    {
        string signed;
        using (var first = App(Path.GetTempPath()))
        {
            signed = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("a link");
        }
        Assert.NotEmpty(Directory.GetFiles(_folder, "key-*.xml"));

        using var second = App(AppContext.BaseDirectory);
        Assert.Equal("a link", second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(signed));
    }

    [Fact]
    public void WithoutAKeysFolderAnotherKeyRingCannotReadWhatWasSigned()
    {
        using var configured = App(Path.GetTempPath());
        var signed = configured.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("a link");

        using var unconfigured = App(Path.GetTempPath(), keysFolder: false);

        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(
            () => unconfigured.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(signed));
    }

    private WebApplication App(string contentRoot, bool keysFolder = true)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = contentRoot, EnvironmentName = "Development" });
        if (keysFolder)
        {
            builder.Configuration["DataProtection:KeysFolder"] = _folder;
        }
        return builder.AddCoGovKeyRing().Build();
    }
}
