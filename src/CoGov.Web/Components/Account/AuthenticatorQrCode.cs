using QRCoder;

namespace CoGov.Web.Components.Account;

/// <summary>The QR code an authenticator app scans to learn a login's secret, drawn as SVG markup on the server.</summary>
public static class AuthenticatorQrCode
{
    /// <summary>The name authenticator apps list the code under.</summary>
    public const string Issuer = "CoGov";

    /// <summary>An <c>otpauth://</c> address as SVG, sized by its view box so it scales to the page; only the fill is set, no style.</summary>
    public static string Svg(string otpauthUri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(otpauthUri, QRCodeGenerator.ECCLevel.Q);
        return new SvgQRCode(data).GetGraphic(new System.Drawing.Size(240, 240), "#000000", "#ffffff", drawQuietZones: true,
            sizingMode: SvgQRCode.SizingMode.ViewBoxAttribute);
    }
}
