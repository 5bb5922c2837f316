using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace McpSecure.Tests.Infrastructure;

/// <summary>
/// Forges access tokens for the negative tests. It signs with McpSecure.Identity's real dev key (read from the
/// data folder the fixture gave the AppHost) so that each forged token differs from a valid one in exactly the
/// property under test, or with a key of its own to test the signature check.
/// </summary>
public sealed class TokenForge(string identityDataPath, string issuer, string audience)
{
    public RsaSecurityKey ProviderKey { get; } = LoadNewestKey(Path.Combine(identityDataPath, "signing-keys"));

    public string Create(Action<SecurityTokenDescriptor>? customize = null, SigningCredentials? credentials = null)
    {
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(10),
            TokenType = "at+jwt",
            Subject = new ClaimsIdentity([new Claim("sub", "forged-user"), new Claim("scope", "openid mcp:tools")]),
            SigningCredentials = credentials ?? new SigningCredentials(ProviderKey, SecurityAlgorithms.RsaSha256),
        };
        customize?.Invoke(descriptor);
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>A token that is right in every way but expired an hour ago.</summary>
    public string CreateExpired() => Create(d =>
    {
        var now = DateTime.UtcNow;
        d.IssuedAt = now.AddHours(-2);
        d.NotBefore = now.AddHours(-2);
        d.Expires = now.AddHours(-1);
    });

    /// <summary>Signed with a fresh key that claims the provider's key id: only the signature is wrong.</summary>
    public SigningCredentials ImpostorKey() =>
        new(new RsaSecurityKey(RSA.Create(2048)) { KeyId = ProviderKey.KeyId }, SecurityAlgorithms.RsaSha256);

    /// <summary>A key the provider never published, under a key id it does not know.</summary>
    public static SigningCredentials UnknownKey() =>
        new(new RsaSecurityKey(RSA.Create(2048)) { KeyId = "unknown-kid" }, SecurityAlgorithms.RsaSha256);

    /// <summary>The classic algorithm-confusion forgery: HS256 "signed" with the provider's public key as the HMAC secret.</summary>
    public SigningCredentials HmacWithProviderPublicKey() =>
        new(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(ProviderKey.Rsa.ExportSubjectPublicKeyInfoPem())) { KeyId = ProviderKey.KeyId },
            SecurityAlgorithms.HmacSha256);

    /// <summary>A token with <c>alg: none</c> and no signature.</summary>
    public string Unsigned()
    {
        var payload = Create().Split('.')[1];
        var header = Base64UrlEncoder.Encode($$"""{"alg":"none","typ":"at+jwt","kid":"{{ProviderKey.KeyId}}"}""");
        return $"{header}.{payload}.";
    }

    /// <summary>Changes one claim of a real token without re-signing it.</summary>
    public static string TamperPayload(string jwt, Func<string, string> editPayloadJson)
    {
        var parts = jwt.Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1]));
        parts[1] = Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(editPayloadJson(payload)));
        return string.Join('.', parts);
    }

    private static RsaSecurityKey LoadNewestKey(string folder)
    {
        var file = new DirectoryInfo(folder).GetFiles("*.pem").OrderByDescending(f => f.LastWriteTimeUtc).FirstOrDefault()
            ?? throw new InvalidOperationException($"No signing key in {folder}: has McpSecure.Identity started with this data folder?");
        var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(file.FullName));
        return new RsaSecurityKey(rsa) { KeyId = Path.GetFileNameWithoutExtension(file.Name) };
    }
}
