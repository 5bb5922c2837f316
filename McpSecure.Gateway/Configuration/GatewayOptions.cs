using McpSecure.Gateway.Discovery;
using McpSecure.Gateway.Limits;
using McpSecure.Gateway.Proxy;
using McpSecure.Gateway.Registration;
using McpSecure.Gateway.TokenValidation;

namespace McpSecure.Gateway.Configuration;

/// <summary>
/// Everything the gateway needs to protect one MCP server. Section <c>Gateway</c>; checked at start-up by
/// <see cref="GatewayOptionsValidator"/>.
/// </summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Gateway";

    /// <summary>The MCP endpoint's path unless configured otherwise (the MCP server serves streamable HTTP there).</summary>
    public const string DefaultResourcePath = "/mcp";

    /// <summary>
    /// The origin clients use to reach the gateway (e.g. <c>https://mcp.example.com</c>). The protected
    /// resource's identifier, the token audience and the discovery URLs are built from it, never from the
    /// request's Host header, which a caller controls.
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>The path of the MCP endpoint on the gateway.</summary>
    public string ResourcePath { get; set; } = DefaultResourcePath;

    /// <summary>A human-readable name of the protected resource (RFC 9728 <c>resource_name</c>).</summary>
    public string ResourceName { get; set; } = "MCP server protected by McpSecure";

    /// <summary>Where requests to <see cref="ResourcePath"/> are proxied; a service-discovery name or an absolute URL.</summary>
    public Uri? UpstreamUrl { get; set; }

    public AuthorizationServerOptions AuthorizationServer { get; set; } = new();

    /// <summary>Time limits and health checks for the MCP server (<see cref="UpstreamOptions"/>).</summary>
    public UpstreamOptions Upstream { get; set; } = new();

    /// <summary>Request sizes and the per-user request rate (<see cref="GatewayLimitsOptions"/>).</summary>
    public GatewayLimitsOptions Limits { get; set; } = new();

    /// <summary>
    /// Browser origins (scheme://host[:port]) allowed to call the MCP endpoint, e.g. MCP Inspector's
    /// <c>http://localhost:6274</c>. The gateway's own origin is always allowed; requests without Origin are not browser requests.
    /// </summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary><see cref="AllowedOrigins"/> without trailing slashes, plus the gateway's own origin.</summary>
    public IEnumerable<string> AllowedBrowserOrigins =>
        AllowedOrigins.Select(o => o.TrimEnd('/')).Append(PublicBaseUrl!.GetLeftPart(UriPartial.Authority)).Distinct(StringComparer.OrdinalIgnoreCase);

    /// <summary>Reverse proxies (IP addresses or CIDR ranges) whose <c>X-Forwarded-*</c> headers are honoured; none by default.</summary>
    public string[] TrustedProxies { get; set; } = [];

    /// <summary>How access tokens are checked: local JWT validation (default), introspection or userinfo.</summary>
    public TokenValidationOptions TokenValidation { get; set; } = new();

    /// <summary>Where the provider puts the caller's name and roles (<see cref="ClaimMappingOptions"/>).</summary>
    public ClaimMappingOptions Claims { get; set; } = new();

    /// <summary>How the caller's identity reaches the MCP server.</summary>
    public IdentityForwardingOptions IdentityForwarding { get; set; } = new();

    /// <summary>The retired registration facade: only there to refuse its old setting with an explanation.</summary>
    public ClientRegistrationOptions ClientRegistration { get; set; } = new();

    /// <summary>Scopes a token must carry to call the MCP endpoint; challenged with <c>insufficient_scope</c>.
    /// Empty by default (configuration binding appends to array defaults); appsettings.json sets <c>mcp:tools</c>.</summary>
    public string[] RequiredScopes { get; set; } = [];

    /// <summary>Scopes advertised in the protected-resource metadata (<c>scopes_supported</c>).</summary>
    public string[] ScopesSupported { get; set; } = [];

    /// <summary>
    /// <see cref="ScopesSupported"/> as the metadata lists them: without <c>offline_access</c>, which the MCP authorization
    /// rules say a protected resource SHOULD NOT advertise (it is the authorization server's business; clients that may
    /// refresh ask it there, and our providers issue refresh tokens to such clients anyway).
    /// </summary>
    public string[] AdvertisedScopes => ScopesSupported.Where(scope => scope != "offline_access").Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>The resource identifier (RFC 8707): the public URL of the MCP endpoint.</summary>
    public Uri ResourceUri => new(PublicBaseUrl!, ResourcePath);

    /// <summary>The RFC 9728 metadata URL for <see cref="ResourceUri"/> (well-known suffix inserted before the path).</summary>
    public Uri ResourceMetadataUri => new(PublicBaseUrl!, WellKnown.ProtectedResource + ResourcePath);
}
