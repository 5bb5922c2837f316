using System.Text.Json;
using McpSecure.Identity.Authorization;
using McpSecure.Identity.Endpoints;
using McpSecure.Identity.Realm;
using Microsoft.Extensions.Options;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace McpSecure.Identity.ClientRegistration;

/// <summary>
/// What a dynamically registered client may be: a public client (<c>token_endpoint_auth_method: none</c>) using
/// the authorization code grant (and refresh tokens), with at most <c>MaxRedirectUris</c> redirect URIs that are
/// https, or http on a loopback host (RFC 8252 §7.3), and a short name. Anything else is rejected with the
/// RFC 7591 error code and a description naming the field.
/// </summary>
internal sealed class ClientMetadataValidator(IOptions<ClientRegistrationOptions> options, RealmFileReader realmFile)
{
    private static readonly string[] SupportedGrantTypes = [GrantTypes.AuthorizationCode, GrantTypes.RefreshToken];

    public bool TryValidate(JsonElement body, out ClientMetadata? metadata, out OAuthErrorResponse? error)
    {
        error = Validate(body, out metadata);
        return error is null;
    }

    private OAuthErrorResponse? Validate(JsonElement body, out ClientMetadata? metadata)
    {
        metadata = null;
        var limits = options.Value;

        if (body.ValueKind != JsonValueKind.Object)
        {
            return ClientRegistrationErrors.Metadata("The request body must be a JSON object of client metadata (RFC 7591 §2).");
        }

        if (!TryReadStringArray(body, ClientMetadataNames.RedirectUris, out var redirectUris) || redirectUris is null || redirectUris.Count == 0)
        {
            return ClientRegistrationErrors.RedirectUri($"'{ClientMetadataNames.RedirectUris}' is required: a non-empty array of strings.");
        }

        if (redirectUris.Count > limits.MaxRedirectUris)
        {
            return ClientRegistrationErrors.RedirectUri($"At most {limits.MaxRedirectUris} redirect URIs may be registered (got {redirectUris.Count}).");
        }

        var uris = new List<Uri>();
        foreach (var value in redirectUris)
        {
            if (ValidateRedirectUri(value, limits.MaxRedirectUriLength, out var uri) is { } problem)
            {
                return problem;
            }

            uris.Add(uri!);
        }

        string? clientName = null;
        if (body.TryGetProperty(ClientMetadataNames.ClientName, out var name))
        {
            if (name.ValueKind != JsonValueKind.String)
            {
                return ClientRegistrationErrors.Metadata($"'{ClientMetadataNames.ClientName}' must be a string.");
            }

            clientName = name.GetString()!.Trim();
            if (clientName.Length > limits.MaxClientNameLength)
            {
                return ClientRegistrationErrors.Metadata($"'{ClientMetadataNames.ClientName}' may be at most {limits.MaxClientNameLength} characters long (got {clientName.Length}).");
            }

            if (clientName.Any(char.IsControl))
            {
                return ClientRegistrationErrors.Metadata($"'{ClientMetadataNames.ClientName}' must not contain control characters.");
            }

            clientName = clientName.Length == 0 ? null : clientName;
        }

        // Only public clients are registered. A request for a shared secret (client_secret_basic/post, the RFC 7591
        // default that some MCP SDKs send) is answered with 'none' instead, as RFC 7591 section 3.2.1 allows: the
        // response says so and carries no secret. Other methods (keys, certificates) cannot be honoured and are refused.
        if (body.TryGetProperty(ClientMetadataNames.TokenEndpointAuthMethod, out var authMethod) &&
            (authMethod.ValueKind != JsonValueKind.String || authMethod.GetString() is not (ClientAuthenticationMethods.None
                or ClientAuthenticationMethods.ClientSecretBasic or ClientAuthenticationMethods.ClientSecretPost)))
        {
            return ClientRegistrationErrors.Metadata(
                $"Only public clients may register: '{ClientMetadataNames.TokenEndpointAuthMethod}' must be 'none' (use PKCE instead of a secret or key).");
        }

        if (!TryReadStringArray(body, ClientMetadataNames.GrantTypes, out var grantTypes))
        {
            return ClientRegistrationErrors.Metadata($"'{ClientMetadataNames.GrantTypes}' must be an array of strings.");
        }

        grantTypes ??= [GrantTypes.AuthorizationCode, GrantTypes.RefreshToken];
        var unsupported = grantTypes.FirstOrDefault(grant => !SupportedGrantTypes.Contains(grant));
        if (unsupported is not null || !grantTypes.Contains(GrantTypes.AuthorizationCode))
        {
            return ClientRegistrationErrors.Metadata(
                $"'{ClientMetadataNames.GrantTypes}' may contain only {string.Join(" and ", SupportedGrantTypes)}, and must contain authorization_code" +
                (unsupported is null ? "." : $" (got '{unsupported}')."));
        }

        if (!TryReadStringArray(body, ClientMetadataNames.ResponseTypes, out var responseTypes) ||
            (responseTypes is not null && responseTypes.Any(type => type != ResponseTypes.Code)))
        {
            return ClientRegistrationErrors.Metadata($"'{ClientMetadataNames.ResponseTypes}' may only be [\"code\"].");
        }

        var knownScopes = KnownScopes();
        var scopes = knownScopes;
        if (body.TryGetProperty(ClientMetadataNames.Scope, out var scope))
        {
            if (scope.ValueKind != JsonValueKind.String)
            {
                return ClientRegistrationErrors.Metadata($"'{ClientMetadataNames.Scope}' must be a space-separated string.");
            }

            scopes = scope.GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();
            if (scopes.FirstOrDefault(requested => !knownScopes.Contains(requested)) is { } unknown)
            {
                return ClientRegistrationErrors.Metadata($"Unknown scope '{unknown}'; this server offers: {string.Join(' ', knownScopes)}.");
            }
        }

        metadata = new ClientMetadata(uris, clientName, grantTypes.Distinct(StringComparer.Ordinal).ToList(), scopes);
        return null;
    }

    private static OAuthErrorResponse? ValidateRedirectUri(string value, int maxLength, out Uri? uri)
    {
        uri = null;
        if (value.Length > maxLength)
        {
            return ClientRegistrationErrors.RedirectUri($"A redirect URI may be at most {maxLength} characters long (got {value.Length}).");
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var parsed))
        {
            return ClientRegistrationErrors.RedirectUri($"'{value}' is not an absolute URI.");
        }

        if (!string.IsNullOrEmpty(parsed.Fragment) || !string.IsNullOrEmpty(parsed.UserInfo))
        {
            return ClientRegistrationErrors.RedirectUri($"'{value}' must not contain a fragment or user information.");
        }

        var isHttps = parsed.Scheme == Uri.UriSchemeHttps;
        var isLoopbackHttp = parsed.Scheme == Uri.UriSchemeHttp && parsed.IsLoopback;
        if (!isHttps && !isLoopbackHttp)
        {
            return ClientRegistrationErrors.RedirectUri(
                $"'{value}' is not allowed: redirect URIs must use https, or http on a loopback host (127.0.0.1, [::1] or localhost).");
        }

        uri = parsed;
        return null;
    }

    private IReadOnlyList<string> KnownScopes() => StandardScopes.WithRealmScopes(realmFile.Realm);

    /// <returns>False when the member exists but is not an array of strings; <paramref name="values"/> is null when it is absent.</returns>
    private static bool TryReadStringArray(JsonElement body, string member, out List<string>? values)
    {
        values = null;
        if (!body.TryGetProperty(member, out var element))
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.Array || element.EnumerateArray().Any(item => item.ValueKind != JsonValueKind.String))
        {
            return false;
        }

        values = element.EnumerateArray().Select(item => item.GetString()!).ToList();
        return true;
    }
}
