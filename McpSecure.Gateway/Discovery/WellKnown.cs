namespace McpSecure.Gateway.Discovery;

/// <summary>The discovery documents' well-known paths (RFC 8615) and how long clients may cache them.</summary>
internal static class WellKnown
{
    public const string Prefix = "/.well-known";

    /// <summary>RFC 9728 protected-resource metadata; the resource's path follows it.</summary>
    public const string ProtectedResource = Prefix + "/oauth-protected-resource";

    /// <summary>RFC 8414 authorization-server metadata.</summary>
    public const string AuthorizationServer = Prefix + "/oauth-authorization-server";

    /// <summary>OpenID Connect Discovery 1.0.</summary>
    public const string OpenIdConfiguration = Prefix + "/openid-configuration";

    /// <summary>The documents change only with configuration (or the provider's); a short public cache spares providers of many clients.</summary>
    public const string CacheControl = "public, max-age=300";
}
