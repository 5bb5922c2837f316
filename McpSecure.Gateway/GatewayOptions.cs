using System.ComponentModel.DataAnnotations;
using McpSecure.GatewayIdentity;

namespace McpSecure.Gateway;

/// <summary>
/// Everything the gateway needs to protect one MCP server. Section <c>Gateway</c>; validated at start-up.
/// </summary>
public sealed class GatewayOptions : IValidatableObject
{
    public const string SectionName = "Gateway";

    /// <summary>
    /// The origin clients use to reach the gateway (e.g. <c>https://mcp.example.com</c>). The protected
    /// resource's identifier, the token audience and the discovery URLs are built from it, never from the
    /// request's Host header, which a caller controls.
    /// </summary>
    [Required]
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>The path of the MCP endpoint on the gateway.</summary>
    [Required, RegularExpression("^/[^?#]*[^/?#]$", ErrorMessage = "Gateway:ResourcePath must start with '/' and not end with '/'.")]
    public string ResourcePath { get; set; } = "/mcp";

    /// <summary>A human-readable name of the protected resource (RFC 9728 <c>resource_name</c>).</summary>
    public string ResourceName { get; set; } = "MCP server protected by McpSecure";

    /// <summary>Where requests to <see cref="ResourcePath"/> are proxied; a service-discovery name or an absolute URL.</summary>
    [Required]
    public Uri? UpstreamUrl { get; set; }

    [Required]
    public AuthorizationServerOptions AuthorizationServer { get; set; } = new();

    /// <summary>
    /// Browser origins (scheme://host[:port]) allowed to call the MCP endpoint, e.g. MCP Inspector's
    /// <c>http://localhost:6274</c>. The gateway's own origin is always allowed; requests without Origin are not browser requests.
    /// </summary>
    public string[] AllowedOrigins { get; set; } = [];

    public IEnumerable<string> AllowedBrowserOrigins =>
        AllowedOrigins.Select(o => o.TrimEnd('/')).Append(PublicBaseUrl!.GetLeftPart(UriPartial.Authority)).Distinct(StringComparer.OrdinalIgnoreCase);

    /// <summary>Reverse proxies (IP addresses or CIDR ranges) whose <c>X-Forwarded-*</c> headers are honoured; none by default.</summary>
    public string[] TrustedProxies { get; set; } = [];

    /// <summary>How access tokens are checked: local JWT validation (default), introspection or userinfo.</summary>
    public TokenValidationOptions TokenValidation { get; set; } = new();

    /// <summary>How the caller's identity reaches the MCP server.</summary>
    public IdentityForwardingOptions IdentityForwarding { get; set; } = new();

    /// <summary>Registration on behalf of providers without dynamic client registration.</summary>
    public ClientRegistrationOptions ClientRegistration { get; set; } = new();

    /// <summary>Scopes a token must carry to call the MCP endpoint; challenged with <c>insufficient_scope</c>.
    /// Empty by default (configuration binding appends to array defaults); appsettings.json sets <c>mcp:tools</c>.</summary>
    public string[] RequiredScopes { get; set; } = [];

    /// <summary>Scopes advertised in the protected-resource metadata (<c>scopes_supported</c>).</summary>
    public string[] ScopesSupported { get; set; } = [];

    /// <summary>The resource identifier (RFC 8707): the public URL of the MCP endpoint.</summary>
    public Uri ResourceUri => new(PublicBaseUrl!, ResourcePath);

    /// <summary>The RFC 9728 metadata URL for <see cref="ResourceUri"/> (well-known suffix inserted before the path).</summary>
    public Uri ResourceMetadataUri => new(PublicBaseUrl!, "/.well-known/oauth-protected-resource" + ResourcePath);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PublicBaseUrl is { } url && (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https") || url.AbsolutePath != "/" || url.Query != "" || url.Fragment != ""))
        {
            yield return new ValidationResult(
                $"Gateway:PublicBaseUrl must be an absolute http(s) origin without path, query or fragment (got '{url}').",
                [nameof(PublicBaseUrl)]);
        }
        if (PublicBaseUrl is { Scheme: "http" } insecure && !insecure.IsLoopback)
        {
            yield return new ValidationResult(
                $"Gateway:PublicBaseUrl '{insecure}' uses plain http on a non-loopback host: tokens would travel in clear text. Use https.",
                [nameof(PublicBaseUrl)]);
        }
        if (IdentityForwarding.SigningKey is not { } key || System.Text.Encoding.UTF8.GetByteCount(key) < GatewayIdentityDefaults.MinimumKeyBytes)
        {
            yield return new ValidationResult(
                $"Gateway:IdentityForwarding:SigningKey is required, at least {GatewayIdentityDefaults.MinimumKeyBytes} bytes: the key shared with the MCP server (GatewayIdentity:SigningKey there).");
        }
        foreach (var problem in TrustedProxies.Select(McpSecure.Gateway.TrustedProxies.Reject).OfType<string>())
        {
            yield return new ValidationResult($"Gateway:TrustedProxies: {problem}");
        }
        foreach (var result in TokenValidation.Validate(this))
        {
            yield return result;
        }
        foreach (var result in AuthorizationServer.Validate())
        {
            yield return result;
        }
    }
}

/// <summary>The OAuth 2.1 / OIDC provider that issues the tokens. Section <c>Gateway:AuthorizationServer</c>.</summary>
public sealed class AuthorizationServerOptions
{
    /// <summary>The provider's issuer identifier, exactly as it appears in <c>iss</c> (e.g. Keycloak's <c>…/realms/mcpsecure</c>).</summary>
    [Required]
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

    /// <summary>The discovery document the gateway reads keys and endpoints from.</summary>
    public Uri DiscoveryDocumentUri =>
        MetadataAddress ?? new Uri(Issuer!.TrimEnd('/') + "/.well-known/openid-configuration");

    /// <summary>Whether <paramref name="value"/> is this issuer: an exact, case-sensitive match (RFC 8414 section 3.3).</summary>
    public bool IsIssuer(string value) => string.Equals(value, Issuer, StringComparison.Ordinal);

    internal IEnumerable<ValidationResult> Validate()
    {
        if (Issuer is null)
        {
            yield return new ValidationResult("Gateway:AuthorizationServer:Issuer is required: the issuer URL of the OIDC provider that signs the tokens.");
        }
        if (Issuer is not null && (!Uri.TryCreate(Issuer, UriKind.Absolute, out var issuer) || issuer.Scheme is not ("http" or "https") ||
                                   issuer.Query.Length > 0 || issuer.Fragment.Length > 0))
        {
            yield return new ValidationResult($"Gateway:AuthorizationServer:Issuer must be an absolute http(s) URL without query or fragment (got '{Issuer}').");
        }
        else if (Issuer is not null && IssuerUri is { Scheme: "http", IsLoopback: false })
        {
            yield return new ValidationResult(
                $"Gateway:AuthorizationServer:Issuer '{Issuer}' uses plain http on a non-loopback host. Use https, or set MetadataAddress for an internal address.");
        }
    }
}
