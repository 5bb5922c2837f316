using System.Security.Cryptography;
using System.Text;

namespace McpSecure.Gateway.Limits.Shared;

/// <summary>The key of a user's counter in the shared store: a prefix and a SHA-256 of the partition key, never the subject itself.</summary>
internal static class RateLimitKeys
{
    public static string For(string prefix, string partitionKey) =>
        prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(partitionKey)));
}
