namespace McpSecure.Tests.Federation;

/// <summary>What <see cref="HostileUpstreamProvider"/> puts in the ID token of its next answer.</summary>
public enum HostileUpstreamMode
{
    /// <summary>A correct ID token: this sign-in's nonce, our client id as audience, its own issuer.</summary>
    Honest,

    /// <summary>The nonce of the sign-in before this one (a replayed ID token).</summary>
    NonceFromEarlierSignIn,

    /// <summary>No nonce claim at all.</summary>
    NoNonce,

    /// <summary>Another client's audience.</summary>
    OtherAudience,

    /// <summary>Another issuer (signed with the same key the discovery document publishes).</summary>
    OtherIssuer,
}
