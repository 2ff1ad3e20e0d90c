using MudBlazor;

namespace CoGov.Web.Components.Layout;

/// <summary>
/// MudBlazor's palette with the state colours darkened: the default success, info, warning and error colours give white
/// text on a chip or button a contrast of 2.2 to 3.7, below the 4.5 that WCAG asks for small text (found by the axe scan
/// in tests/CoGov.E2E.Tests). Each colour here gives at least 5:1 against white, either way round.
/// </summary>
public static class CoGovTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Success = "#2e7d32",
            Info = "#1565c0",
            Warning = "#a84300",
            Error = "#c62828",
        },
    };
}
