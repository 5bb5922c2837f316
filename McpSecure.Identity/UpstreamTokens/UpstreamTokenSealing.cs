using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace McpSecure.Identity.UpstreamTokens;

/// <summary>
/// The encrypted form of a user's upstream tokens, the same in every store: JSON protected by ASP.NET Core Data Protection
/// under a purpose bound to the store and to the subject, so a payload moved to another user's key does not decrypt.
/// Also the store key: the SHA-256 of the subject in hex (no user name at rest).
/// </summary>
internal sealed class UpstreamTokenSealing(IDataProtectionProvider dataProtection)
{
    private const string Purpose = "McpSecure.Identity.UpstreamTokens.v1";

    private readonly IDataProtector _protector = dataProtection.CreateProtector(Purpose);

    public static string KeyOf(string subject) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(subject)));

    public byte[] Seal(string subject, UpstreamTokenSet tokens)
    {
        var plain = JsonSerializer.SerializeToUtf8Bytes(tokens);
        try
        {
            return _protector.CreateProtector(subject).Protect(plain);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    /// <returns>The tokens, or null with <paramref name="error"/> naming why the payload cannot be read (wrong key, wrong user, damaged).</returns>
    public UpstreamTokenSet? Unseal(string subject, byte[] sealedBytes, out string? error)
    {
        try
        {
            var plain = _protector.CreateProtector(subject).Unprotect(sealedBytes);
            error = null;
            return JsonSerializer.Deserialize<UpstreamTokenSet>(plain) ?? throw new JsonException("null payload");
        }
        catch (Exception exception) when (exception is CryptographicException or JsonException)
        {
            error = exception.GetType().Name;
            return null;
        }
    }
}
