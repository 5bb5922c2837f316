using System.Security.Cryptography;
using System.Text;

namespace McpSecure.Gateway.TokenValidation;

/// <summary>
/// The key under which what the gateway learned about a token is cached: its SHA-256, never the token itself,
/// so a memory dump of the cache holds no usable credential.
/// </summary>
internal static class TokenHash
{
    public static string Of(string kind, string token)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        var length = Encoding.UTF8.GetMaxByteCount(token.Length);
        var buffer = length <= 4096 ? stackalloc byte[length] : new byte[length];
        var written = Encoding.UTF8.GetBytes(token, buffer);
        SHA256.HashData(buffer[..written], hash);
        return string.Concat(kind, ":", Convert.ToHexString(hash));
    }
}
