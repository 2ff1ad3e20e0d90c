using Microsoft.AspNetCore.DataProtection;

namespace CoGov.Web.Infrastructure;

/// <summary>
/// Where ASP.NET Data Protection keeps its keys, which sign the sign-in cookies and the preference links in mail and
/// guard the answer links' signing key (decision records 20 and 21). Left to ASP.NET's default, the keys live in the
/// service account's home folder: a container without a kept home, or a systemd unit with a dynamic user, loses them at
/// every restart, signing everyone out and breaking every link already mailed. <c>DataProtection:KeysFolder</c> names
/// a folder to keep them in instead; several nodes must share one folder, so they also share one application name.
/// </summary>
public static class KeyRing
{
    public const string ApplicationName = "CoGov";

    public static WebApplicationBuilder AddCoGovKeyRing(this WebApplicationBuilder builder)
    {
        var protection = builder.Services.AddDataProtection();
        if (builder.Configuration["DataProtection:KeysFolder"] is { Length: > 0 } folder)
        {
            protection
                .PersistKeysToFileSystem(new DirectoryInfo(Path.GetFullPath(folder, builder.Environment.ContentRootPath)))
                .SetApplicationName(ApplicationName);
        }
        return builder;
    }
}
