using Microsoft.AspNetCore;
using OpenIddict.Abstractions;

namespace McpSecure.Identity.Endpoints;

internal static class OpenIddictRequestExtensions
{
    /// <summary>
    /// The request OpenIddict validated before passing it through; its absence means the endpoint was reached
    /// without OpenIddict (a routing mistake), not a client error.
    /// </summary>
    public static OpenIddictRequest GetValidatedOpenIddictRequest(this HttpContext context) =>
        context.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");
}
