namespace McpSecure.Identity.Federation;

/// <summary>A federated sign-in that cannot complete; the message says why and is safe to show (no token, no secret).</summary>
internal sealed class FederatedSignInException(string message) : Exception(message);
