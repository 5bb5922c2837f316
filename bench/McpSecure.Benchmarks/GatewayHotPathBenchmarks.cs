using System.Security.Claims;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using McpSecure.Gateway.Proxy;
using McpSecure.Gateway.TokenValidation;
using McpSecure.GatewayIdentity;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace McpSecure.Benchmarks;

/// <summary>
/// The gateway's per-request token check and identity forwarding: as it was (a full JWT validation and a fresh
/// HS256 identity per request) and with the caches (verdict by token hash; identity header reused for the same token).
/// </summary>
[MemoryDiagnoser]
public class GatewayHotPathBenchmarks
{
    private const string Resource = "http://127.0.0.1:19103/mcp";
    private const string Issuer = "http://127.0.0.1:19101/";
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 100_000 });
    private string _token = "";
    private string _tokenKey = "";
    private TokenValidationParameters _parameters = null!;
    private JsonWebTokenHandler _uncached = null!;
    private CachingJsonWebTokenHandler _cached = null!;
    private GatewayIdentityTokenWriter _writer = null!;
    private ForwardedIdentityCache _identities = null!;
    private ClaimsPrincipal _caller = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        var key = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "bench" };
        var now = DateTime.UtcNow;
        _token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Resource,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddHours(1),
            TokenType = "at+jwt",
            Subject = new ClaimsIdentity([new("sub", "7f6c2d1e-alice"), new("name", "Alice"), new("preferred_username", "alice"),
                new("email", "alice@example.com"), new("scope", "openid profile email mcp:tools"), new("role", "reader"), new("client_id", "mcp-client")]),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
        _parameters = new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Resource,
            IssuerSigningKey = key,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256],
            TypeValidator = AccessTokenTypes.Validate,
            NameClaimType = "name",
            RoleClaimType = "role",
        };
        _uncached = new JsonWebTokenHandler { MapInboundClaims = false };
        _cached = new CachingJsonWebTokenHandler(_cache, TimeProvider.System, TimeSpan.FromMinutes(5)) { MapInboundClaims = false };
        var result = await _uncached.ValidateTokenAsync(_token, _parameters);
        if (!result.IsValid)
        {
            throw new InvalidOperationException("The benchmark's token does not validate.", result.Exception);
        }
        _caller = new ClaimsPrincipal(result.ClaimsIdentity);
        _tokenKey = TokenHash.Of("identity", _token);
        _writer = new GatewayIdentityTokenWriter(Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)), TimeProvider.System);
        _identities = new ForwardedIdentityCache(_writer, _cache, TimeProvider.System, GatewayIdentityDefaults.Lifetime);
    }

    [GlobalCleanup]
    public void Cleanup() => _cache.Dispose();

    [Benchmark(Description = "token check: full JWT validation (before)")]
    public Task<TokenValidationResult> ValidateUncached() => _uncached.ValidateTokenAsync(_token, _parameters);

    [Benchmark(Description = "token check: verdict cache hit (after)")]
    public Task<TokenValidationResult> ValidateCached() => _cached.ValidateTokenAsync(_token, _parameters);

    [Benchmark(Description = "identity: sign a new header (before)")]
    public string SignIdentity() => _writer.Write(_caller);

    [Benchmark(Description = "identity: reuse the header for the token (after, incl. hash)")]
    public string ReuseIdentity() => _identities.HeaderFor(TokenHash.Of("identity", _token), _caller);
}
