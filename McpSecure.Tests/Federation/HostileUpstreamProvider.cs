using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace McpSecure.Tests.Federation;

/// <summary>
/// A small OpenID Connect provider of the tests' own that lies on purpose: discovery, JWKS, an authorization endpoint
/// that signs everyone in at once (redirecting with <c>code</c>, <c>state</c> and RFC 9207 <c>iss</c>), and a token
/// endpoint whose ID token is correctly signed but, by <see cref="Mode"/>, carries an earlier sign-in's nonce, none, or
/// another audience or issuer. Everything else is what an honest provider sends, so a refusal can only come from the
/// ID token check.
/// </summary>
public sealed class HostileUpstreamProvider : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly RsaSecurityKey _key;
    private readonly ConcurrentDictionary<string, string?> _nonceByCode = new(StringComparer.Ordinal);
    private readonly List<string> _noncesSeen = [];
    private int _tokenRequests;

    private HostileUpstreamProvider(WebApplication app, RsaSecurityKey key, int port, string clientId)
    {
        _app = app;
        _key = key;
        Issuer = $"http://localhost:{port}";
        ClientId = clientId;
    }

    public string Issuer { get; }
    public string ClientId { get; }

    /// <summary>What the next ID token carries; tests set it before a sign-in.</summary>
    public HostileUpstreamMode Mode { get; set; } = HostileUpstreamMode.Honest;

    /// <summary>How many codes were redeemed at the token endpoint (each one an ID token handed out).</summary>
    public int TokenRequests => Volatile.Read(ref _tokenRequests);

    public static async Task<HostileUpstreamProvider> StartAsync(int port, string clientId)
    {
        var rsa = RSA.Create(2048);
        var key = new RsaSecurityKey(rsa) { KeyId = Convert.ToHexString(RandomNumberGenerator.GetBytes(8)) };
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var provider = new HostileUpstreamProvider(app, key, port, clientId);
        app.MapGet("/.well-known/openid-configuration", (Delegate)provider.Discovery);
        app.MapGet("/jwks", (Delegate)provider.Keys);
        app.MapGet("/authorize", (Delegate)provider.Authorize);
        app.MapPost("/token", (Delegate)provider.TokenAsync);
        await app.StartAsync();
        return provider;
    }

    private IResult Discovery() => Results.Json(new Dictionary<string, object>
    {
        ["issuer"] = Issuer,
        ["authorization_endpoint"] = $"{Issuer}/authorize",
        ["token_endpoint"] = $"{Issuer}/token",
        ["jwks_uri"] = $"{Issuer}/jwks",
        ["response_types_supported"] = new[] { "code" },
        ["grant_types_supported"] = new[] { "authorization_code" },
        ["subject_types_supported"] = new[] { "public" },
        ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        ["code_challenge_methods_supported"] = new[] { "S256" },
        ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_basic", "client_secret_post" },
        ["scopes_supported"] = new[] { "openid", "profile", "email" },
        ["authorization_response_iss_parameter_supported"] = true,
    });

    private IResult Keys()
    {
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(_key.Rsa.ExportParameters(false)) { KeyId = _key.KeyId });
        return Results.Json(new { keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = _key.KeyId, n = jwk.N, e = jwk.E } } });
    }

    private IResult Authorize(HttpContext context)
    {
        var query = context.Request.Query;
        if (query["client_id"] != ClientId || query["redirect_uri"].ToString() is not { Length: > 0 } redirectUri)
        {
            return Results.BadRequest("unknown client or no redirect_uri");
        }
        var nonce = query["nonce"].ToString();
        var code = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        string? earlier;
        lock (_noncesSeen)
        {
            earlier = _noncesSeen.LastOrDefault();
            _noncesSeen.Add(nonce);
        }
        _nonceByCode[code] = Mode switch
        {
            HostileUpstreamMode.NonceFromEarlierSignIn => earlier ?? throw new InvalidOperationException("No earlier sign-in to take a nonce from."),
            HostileUpstreamMode.NoNonce => null,
            _ => nonce,
        };
        var separator = redirectUri.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        return Results.Redirect($"{redirectUri}{separator}code={code}&state={Uri.EscapeDataString(query["state"].ToString())}&iss={Uri.EscapeDataString(Issuer)}");
    }

    private async Task<IResult> TokenAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        if (!_nonceByCode.TryRemove(form["code"].ToString(), out var nonce))
        {
            return Results.Json(new { error = "invalid_grant", error_description = "unknown or used code" }, statusCode: StatusCodes.Status400BadRequest);
        }
        Interlocked.Increment(ref _tokenRequests);
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object>
        {
            ["sub"] = "eve",
            ["name"] = "Eve Hostile",
            ["email"] = "eve@hostile.example",
        };
        if (nonce is not null)
        {
            claims["nonce"] = nonce;
        }
        var idToken = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Mode == HostileUpstreamMode.OtherIssuer ? "https://attacker.example" : Issuer,
            Audience = Mode == HostileUpstreamMode.OtherAudience ? "another-client" : ClientId,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            Claims = claims,
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        });
        return Results.Json(new Dictionary<string, object>
        {
            ["access_token"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)),
            ["token_type"] = "Bearer",
            ["expires_in"] = 300,
            ["id_token"] = idToken,
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _key.Rsa.Dispose();
    }
}
