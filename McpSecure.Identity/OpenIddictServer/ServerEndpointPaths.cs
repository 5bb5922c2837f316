namespace McpSecure.Identity.OpenIddictServer;

/// <summary>
/// Paths of the OpenIddict endpoints, relative to the issuer (OpenIddict resolves relative endpoint URIs
/// against the issuer, so they carry no leading slash). <see cref="Rooted"/> gives the route to map.
/// </summary>
internal static class ServerEndpointPaths
{
    public const string OpenIdConfiguration = ".well-known/openid-configuration";
    public const string OAuthAuthorizationServerMetadata = ".well-known/oauth-authorization-server";
    public const string JsonWebKeySet = ".well-known/jwks";
    public const string Authorization = "connect/authorize";
    public const string Token = "connect/token";
    public const string UserInfo = "connect/userinfo";
    public const string EndSession = "connect/endsession";
    public const string Logout = "connect/logout";
    public const string Introspection = "connect/introspect";
    public const string Revocation = "connect/revoke";
    /// <summary>Dynamic client registration (RFC 7591); not an OpenIddict endpoint.</summary>
    public const string Registration = "connect/register";

    public static string Rooted(string path) => "/" + path;
}
