namespace McpSecure.GatewayIdentity;

/// <summary>Why a forwarded identity was refused; the message is safe to show (it never contains the header).</summary>
public sealed class GatewayIdentityException(string message, Exception? inner = null) : Exception(message, inner);
