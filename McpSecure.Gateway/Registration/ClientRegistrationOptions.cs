using McpSecure.Gateway.Configuration;

namespace McpSecure.Gateway.Registration;

/// <summary>
/// Dynamic client registration (RFC 7591) on behalf of a provider that has none: the gateway answers
/// registration requests with one pre-registered public client id. Section <c>Gateway:ClientRegistration</c>.
/// </summary>
public sealed class ClientRegistrationOptions
{
    public const string SectionName = GatewayOptions.SectionName + ":ClientRegistration";
    public const string EndpointPath = "/oauth/register";

    /// <summary>The provider's pre-registered public client (PKCE, no secret). Unset: the feature is off.</summary>
    public string? ClientId { get; set; }

    /// <summary>Accept loopback redirect URIs (127.0.0.1, [::1], localhost) on any port, as native clients use (RFC 8252 §7.3).</summary>
    public bool AllowLoopbackRedirectUris { get; set; } = true;

    /// <summary>Further redirect URIs accepted exactly as written (e.g. <c>https://app.example.com/callback</c>).</summary>
    public string[] AllowedRedirectUris { get; set; } = [];

    /// <summary>Whether the gateway answers registration requests (and advertises its endpoint).</summary>
    public bool IsEnabled => !string.IsNullOrWhiteSpace(ClientId);

    public Uri EndpointUri(GatewayOptions gateway) => new(gateway.PublicBaseUrl!, EndpointPath);

    /// <summary>Why <paramref name="redirectUri"/> is refused, or null when it is allowed.</summary>
    public string? RejectRedirectUri(string redirectUri)
    {
        if (!Uri.TryCreate(redirectUri, UriKind.Absolute, out var uri) || uri.Fragment.Length > 0)
        {
            return $"'{redirectUri}' is not an absolute URI without fragment.";
        }
        if (AllowedRedirectUris.Contains(uri.AbsoluteUri, StringComparer.Ordinal) || AllowedRedirectUris.Contains(redirectUri, StringComparer.Ordinal))
        {
            return null;
        }
        if (AllowLoopbackRedirectUris && uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)
        {
            return null;
        }
        return $"'{redirectUri}' is not allowed: use a loopback http URI (http://127.0.0.1:<port>/...) or one listed in {SectionName}:AllowedRedirectUris.";
    }
}
