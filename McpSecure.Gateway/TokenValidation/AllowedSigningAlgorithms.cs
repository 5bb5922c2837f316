using Microsoft.IdentityModel.Tokens;

namespace McpSecure.Gateway.TokenValidation;

/// <summary>Asymmetric algorithms only: an HMAC algorithm would let anyone holding the public key forge tokens.</summary>
internal static class AllowedSigningAlgorithms
{
    public static readonly string[] All =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    public static bool IsAllowed(string algorithm) => All.Contains(algorithm, StringComparer.Ordinal);
}
