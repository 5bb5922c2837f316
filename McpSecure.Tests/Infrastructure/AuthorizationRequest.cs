using System.Security.Cryptography;
using System.Text;

namespace McpSecure.Tests.Infrastructure;

/// <summary>
/// An OAuth authorization request as an MCP client sends it: authorization code with PKCE S256, a loopback redirect
/// URI and an RFC 8707 resource indicator. Tests change or remove a parameter to make a bad request, and redeem the
/// code with <see cref="CodeRedemption"/>.
/// </summary>
public sealed class AuthorizationRequest
{
    /// <summary>The realm's public client (no secret, loopback redirect URIs on any port).</summary>
    public const string PublicClientId = "mcp-client";

    /// <summary>What an MCP client asks for: its user's profile, a refresh token, and the MCP tools.</summary>
    public const string DefaultScopes = "openid profile email offline_access mcp:tools";

    private AuthorizationRequest(Dictionary<string, string> parameters, string codeVerifier)
    {
        Parameters = parameters;
        CodeVerifier = codeVerifier;
    }

    /// <summary>The query parameters, to change or remove one before <see cref="Url"/>.</summary>
    public Dictionary<string, string> Parameters { get; }

    /// <summary>The PKCE secret whose S256 hash is the <c>code_challenge</c>.</summary>
    public string CodeVerifier { get; }

    public string ClientId => Parameters["client_id"];
    public string RedirectUri => Parameters["redirect_uri"];
    public string State => Parameters["state"];
    public string? Resource => Parameters.GetValueOrDefault("resource");

    /// <param name="redirectUri">A loopback redirect URI on a free port when not given.</param>
    /// <param name="state">A random one when not given.</param>
    public static AuthorizationRequest Create(string resource, string scope = DefaultScopes, string clientId = PublicClientId,
        string? redirectUri = null, string? state = null)
    {
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        return new AuthorizationRequest(new Dictionary<string, string>
        {
            ["response_type"] = "code",
            ["client_id"] = clientId,
            ["redirect_uri"] = redirectUri ?? Loopback.RedirectUri(),
            ["scope"] = scope,
            ["state"] = state ?? Convert.ToHexString(RandomNumberGenerator.GetBytes(8)),
            ["code_challenge"] = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))),
            ["code_challenge_method"] = "S256",
            ["resource"] = resource,
        }, verifier);
    }

    /// <summary>The URL the client opens in the user's browser.</summary>
    public Uri Url(Uri authorizationEndpoint) => new($"{authorizationEndpoint.AbsoluteUri}?{QueryString.Format(Parameters)}");

    /// <summary>The token request that redeems the code this request brought back (public client: no secret, the PKCE verifier).</summary>
    public Dictionary<string, string> CodeRedemption(string code)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = ClientId,
            ["code"] = code,
            ["redirect_uri"] = RedirectUri,
            ["code_verifier"] = CodeVerifier,
        };
        if (Resource is { } resource)
        {
            form["resource"] = resource;
        }
        return form;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
