using McpSecure.Gateway.Network;
using McpSecure.Gateway.TokenValidation;
using McpSecure.GatewayIdentity;
using Microsoft.Extensions.Options;

namespace McpSecure.Gateway.Configuration;

/// <summary>
/// Refuses to start the gateway on a configuration that would not protect the MCP server. Every message names
/// the full configuration key, so an operator knows what to fix without reading code.
/// </summary>
internal sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    private const string Prefix = GatewayOptions.SectionName + ":";
    private static readonly TimeSpan MaxCacheDuration = TimeSpan.FromHours(1);

    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        var failures = ValidateGateway(options)
            .Concat(ValidateAuthorizationServer(options.AuthorizationServer))
            .Concat(ValidateTokenValidation(options))
            .ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static IEnumerable<string> ValidateGateway(GatewayOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.ClientRegistration.ClientId))
        {
            yield return Registration.ClientRegistrationOptions.RetiredMessage;
        }
        if (options.PublicBaseUrl is not { } url)
        {
            yield return $"{Prefix}PublicBaseUrl is required: the origin clients use to reach the gateway (e.g. https://mcp.example.com).";
        }
        else if (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https") || url.AbsolutePath != "/" || url.Query != "" || url.Fragment != "")
        {
            yield return $"{Prefix}PublicBaseUrl must be an absolute http(s) origin without path, query or fragment (got '{url}').";
        }
        else if (url is { Scheme: "http", IsLoopback: false })
        {
            yield return $"{Prefix}PublicBaseUrl '{url}' uses plain http on a non-loopback host: tokens would travel in clear text. Use https.";
        }

        if (options.ResourcePath is not { } path || !path.StartsWith('/') || path.EndsWith('/') || path.IndexOfAny(['?', '#']) >= 0)
        {
            yield return $"{Prefix}ResourcePath must start with '/' and not end with '/'.";
        }
        if (options.UpstreamUrl is null)
        {
            yield return $"{Prefix}UpstreamUrl is required: where requests to the MCP endpoint are proxied (a service-discovery name or an absolute URL).";
        }
        if (GatewayIdentitySigningKey.Problem(options.IdentityForwarding.SigningKey) is not null)
        {
            yield return $"{Prefix}IdentityForwarding:SigningKey is required, at least {GatewayIdentityDefaults.MinimumKeyBytes} bytes: " +
                         $"the key shared with the MCP server ({GatewayIdentityDefaults.SectionName}:SigningKey there).";
        }
        foreach (var problem in options.TrustedProxies.Select(TrustedProxyList.Reject).OfType<string>())
        {
            yield return $"{Prefix}TrustedProxies: {problem}";
        }
    }

    private static IEnumerable<string> ValidateAuthorizationServer(AuthorizationServerOptions server)
    {
        const string key = AuthorizationServerOptions.SectionName + ":Issuer";
        if (server.Issuer is not { } value)
        {
            yield return $"{key} is required: the issuer URL of the OIDC provider that signs the tokens.";
        }
        else if (!Uri.TryCreate(value, UriKind.Absolute, out var issuer) || issuer.Scheme is not ("http" or "https") ||
                 issuer.Query.Length > 0 || issuer.Fragment.Length > 0)
        {
            yield return $"{key} must be an absolute http(s) URL without query or fragment (got '{value}').";
        }
        else if (issuer is { Scheme: "http", IsLoopback: false })
        {
            yield return $"{key} '{value}' uses plain http on a non-loopback host. " +
                         $"Use https, or set {AuthorizationServerOptions.SectionName}:MetadataAddress for an internal address.";
        }
        if (server.KeyRefreshInterval <= TimeSpan.Zero)
        {
            yield return $"{AuthorizationServerOptions.SectionName}:KeyRefreshInterval must be more than 0 (got {server.KeyRefreshInterval}).";
        }
        if (server.KeyCacheLifetime < AuthorizationServerOptions.MinimumKeyCacheLifetime || server.KeyCacheLifetime > TimeSpan.FromDays(1))
        {
            yield return $"{AuthorizationServerOptions.SectionName}:KeyCacheLifetime must be between " +
                         $"{AuthorizationServerOptions.MinimumKeyCacheLifetime} and 1.00:00:00 (got {server.KeyCacheLifetime}): " +
                         "the time after which a signing key the provider withdrew stops being accepted.";
        }
    }

    private static IEnumerable<string> ValidateTokenValidation(GatewayOptions options)
    {
        const string section = TokenValidationOptions.SectionName + ":";
        var validation = options.TokenValidation;
        if (validation.Mode == TokenValidationMode.Introspection &&
            (string.IsNullOrWhiteSpace(validation.ClientId) || string.IsNullOrWhiteSpace(validation.ClientSecret)))
        {
            yield return $"{section}ClientId and {section}ClientSecret are required in Introspection mode: the gateway's confidential client at the provider.";
        }
        if (validation.Mode == TokenValidationMode.UserInfo && options.RequiredScopes.Length > 0)
        {
            yield return $"{section}Mode=UserInfo cannot check {Prefix}RequiredScopes (userinfo answers carry no scopes and no audience). " +
                         "Use Jwt or Introspection mode, or remove the required scopes to accept the weaker userinfo check knowingly.";
        }
        if (validation.CacheDuration is { } duration && (duration < TimeSpan.Zero || duration > MaxCacheDuration))
        {
            yield return $"{section}CacheDuration must be between {TimeSpan.Zero} and {MaxCacheDuration} (got {duration}).";
        }
    }
}
