namespace McpSecure.Identity.Federation;

/// <summary>The paths federation mode serves. The upstream client's redirect URI is <c>{Identity:Issuer}federation/callback</c>.</summary>
internal static class FederationPaths
{
    /// <summary>Where the sign-in cookie sends an anonymous user: a challenge to the upstream provider.</summary>
    public const string Login = "/federation/login";

    /// <summary>The OpenIddict client's redirection endpoint (the upstream provider's redirect URI), relative to the issuer.</summary>
    public const string CallbackRelative = "federation/callback";

    public const string Callback = "/" + CallbackRelative;
}
