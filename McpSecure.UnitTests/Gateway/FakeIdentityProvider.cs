using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace McpSecure.UnitTests.Gateway;

/// <summary>
/// An OIDC provider in memory: its discovery document and JWKS (one RSA and one EC key) answered by an
/// <see cref="HttpMessageHandler"/>, and tokens signed with those keys. No socket is opened.
/// </summary>
internal sealed class FakeIdentityProvider : HttpMessageHandler
{
    public const string Issuer = "https://idp.test/";
    public const string JwksUri = "https://idp.test/jwks";
    public const string DiscoveryUri = "https://idp.test/.well-known/openid-configuration";

    private static readonly RSA Rsa = RSA.Create(2048);
    private static readonly ECDsa Ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public static readonly RsaSecurityKey RsaKey = new(Rsa) { KeyId = "rsa-1" };
    public static readonly ECDsaSecurityKey EcKey = new(Ec) { KeyId = "ec-1" };

    public static SigningCredentials RsaCredentials => new(RsaKey, SecurityAlgorithms.RsaSha256);
    public static SigningCredentials EcCredentials => new(EcKey, SecurityAlgorithms.EcdsaSha256);

    /// <summary>When false, every request fails as if the provider were down.</summary>
    public bool Available { get; set; } = true;

    public int DiscoveryRequests { get; private set; }

    /// <summary>RSA keys published in the JWKS besides the fixed ones (a provider rotating its keys).</summary>
    public List<RsaSecurityKey> AdditionalKeys { get; } = [];

    /// <summary>An access token for <paramref name="audience"/>, valid now, with scope <c>mcp:tools</c> unless customized.</summary>
    public static string CreateToken(string audience, Action<SecurityTokenDescriptor>? customize = null, SigningCredentials? credentials = null)
    {
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            TokenType = "at+jwt",
            Subject = new ClaimsIdentity([new("sub", "alice-id"), new("preferred_username", "alice"), new("scope", "openid mcp:tools"),
                new("role", "reader"), new("client_id", "mcp-client")]),
            SigningCredentials = credentials ?? RsaCredentials,
        };
        customize?.Invoke(descriptor);
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    /// <summary>A token whose header says <c>alg: none</c> and that carries no signature.</summary>
    public static string CreateUnsignedToken(string audience)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"at+jwt"}""");
        var payload = Base64UrlEncoder.Encode(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["iss"] = Issuer, ["aud"] = audience, ["sub"] = "mallory", ["scope"] = "mcp:tools", ["iat"] = now, ["nbf"] = now, ["exp"] = now + 300,
        }));
        return $"{header}.{payload}.";
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!Available)
        {
            throw new HttpRequestException("connection refused (fake provider is down)");
        }
        var body = request.RequestUri!.AbsoluteUri switch
        {
            DiscoveryUri => Discovery(),
            JwksUri => Jwks(AdditionalKeys),
            _ => null,
        };
        if (request.RequestUri.AbsoluteUri == DiscoveryUri)
        {
            DiscoveryRequests++;
        }
        return Task.FromResult(body is null
            ? new HttpResponseMessage(HttpStatusCode.NotFound)
            : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
    }

    /// <summary>Shared by the gateway's HTTP clients, which would otherwise dispose of it when they rotate handlers.</summary>
    protected override void Dispose(bool disposing)
    {
    }

    private static string Discovery() => new JsonObject
    {
        ["issuer"] = Issuer,
        ["authorization_endpoint"] = "https://idp.test/authorize",
        ["token_endpoint"] = "https://idp.test/token",
        ["jwks_uri"] = JwksUri,
        ["response_types_supported"] = new JsonArray("code"),
        ["code_challenge_methods_supported"] = new JsonArray("S256"),
    }.ToJsonString();

    private static string Jwks(IEnumerable<RsaSecurityKey> additionalKeys)
    {
        var rsa = Rsa.ExportParameters(false);
        var ec = Ec.ExportParameters(false);
        var keys = new JsonArray(
            RsaJwk(RsaKey.KeyId, rsa),
            new JsonObject
            {
                ["kty"] = "EC", ["use"] = "sig", ["alg"] = "ES256", ["kid"] = EcKey.KeyId, ["crv"] = "P-256",
                ["x"] = Base64UrlEncoder.Encode(ec.Q.X), ["y"] = Base64UrlEncoder.Encode(ec.Q.Y),
            });
        foreach (var key in additionalKeys)
        {
            keys.Add(RsaJwk(key.KeyId, key.Rsa.ExportParameters(false)));
        }
        return new JsonObject { ["keys"] = keys }.ToJsonString();
    }

    private static JsonObject RsaJwk(string keyId, RSAParameters rsa) => new()
    {
        ["kty"] = "RSA", ["use"] = "sig", ["alg"] = "RS256", ["kid"] = keyId,
        ["n"] = Base64UrlEncoder.Encode(rsa.Modulus), ["e"] = Base64UrlEncoder.Encode(rsa.Exponent),
    };
}
