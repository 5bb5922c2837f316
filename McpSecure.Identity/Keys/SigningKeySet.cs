using Microsoft.IdentityModel.Tokens;

namespace McpSecure.Identity.Keys;

/// <summary>The signing keys of one process lifetime.</summary>
/// <param name="Active">Signs every token; the newest file of <c>signing-keys/</c>.</param>
/// <param name="Next">Published in the JWKS, signs nothing yet; the file in <c>signing-keys/next/</c>.</param>
/// <param name="Previous">The key that was active before <paramref name="Active"/>, still published so that the
/// tokens it signed keep validating until they expire.</param>
internal sealed record SigningKeySet(RsaSecurityKey Active, RsaSecurityKey Next, RsaSecurityKey? Previous)
{
    /// <summary>Every key of the JWKS, the signing key first.</summary>
    public IEnumerable<RsaSecurityKey> Published =>
        Previous is null ? [Active, Next] : [Active, Next, Previous];
}
