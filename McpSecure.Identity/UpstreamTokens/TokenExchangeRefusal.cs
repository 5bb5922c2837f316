namespace McpSecure.Identity.UpstreamTokens;

/// <summary>Why a token-exchange request is refused: an RFC 6749/8693/8707 error code and a description naming the problem.</summary>
internal sealed record TokenExchangeRefusal(string Error, string Description);
