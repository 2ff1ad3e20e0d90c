using CoGov.Web.Components.Pages.AnswerLinks;
using CoGov.Workflows.AnswerLinks;

namespace CoGov.Web.Infrastructure;

/// <summary>The web app's part of answer links (decision record 21): their page's address, from the public origin.</summary>
internal static class AnswerLinkPages
{
    public static IHostApplicationBuilder AddAnswerLinkPages(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IAnswerLinkAddress, OriginAnswerLinkAddress>();
        return builder;
    }

    /// <summary>Never the request's host: a link in a mail goes where the operator said CoGov lives (decision record 17).</summary>
    private sealed class OriginAnswerLinkAddress(PublicOrigin origin) : IAnswerLinkAddress
    {
        public string PageFor(string token) => origin.Link(AnswerLinkPage.Url(token));
    }
}
