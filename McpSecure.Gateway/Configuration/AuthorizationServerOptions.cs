using McpSecure.Gateway.Discovery;

namespace McpSecure.Gateway.Configuration;

/// <summary>The OAuth 2.1 / OIDC provider that issues the tokens. Section <c>Gateway:AuthorizationServer</c>.</summary>
public sealed class AuthorizationServerOptions
{
    public const string SectionName = GatewayOptions.SectionName + ":AuthorizationServer";

    /// <summary>The provider's issuer identifier, exactly as it appears in <c>iss</c> (e.g. Keycloak's <c>…/realms/mcpsecure</c>).</summary>
    public string? Issuer { get; set; }

    /// <summary><see cref="Issuer"/> as a URI (validated at start-up).</summary>
    public Uri IssuerUri => new(Issuer!, UriKind.Absolute);

    /// <summary>
    /// Where the gateway itself fetches the provider's discovery document, when that differs from the issuer
    /// (e.g. an in-cluster address). Defaults to <c>{Issuer}/.well-known/openid-configuration</c>.
    /// </summary>
    public Uri? MetadataAddress { get; set; }

    /// <summary>Audiences accepted besides the resource URI, for providers that put a fixed audience in tokens.</summary>
    public string[] AdditionalAudiences { get; set; } = [];

    /// <summary>Tolerated clock difference for <c>exp</c> and <c>nbf</c>.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Minimum time between two refreshes of the signing keys when a token names an unknown <c>kid</c>.</summary>
    public TimeSpan KeyRefreshInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long the signing keys are trusted before they are read again, so that a key the provider withdraws stops
    /// being accepted (a new key is picked up sooner, on its first unknown <c>kid</c>). While the provider cannot be
    /// reached, the keys last read stay in use. At least <see cref="MinimumKeyCacheLifetime"/> (the JWT handler's floor).
    /// </summary>
    public TimeSpan KeyCacheLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The shortest <see cref="KeyCacheLifetime"/> the JWT handler honours.</summary>
    public static readonly TimeSpan MinimumKeyCacheLifetime = TimeSpan.FromMinutes(5);

    /// <summary>The discovery document the gateway reads keys and endpoints from.</summary>
    public Uri DiscoveryDocumentUri =>
        MetadataAddress ?? new Uri(Issuer!.TrimEnd('/') + WellKnown.OpenIdConfiguration);

    /// <summary>Whether <paramref name="value"/> is this issuer: an exact, case-sensitive match (RFC 8414 section 3.3).</summary>
    public bool IsIssuer(string value) => string.Equals(value, Issuer, StringComparison.Ordinal);
}
