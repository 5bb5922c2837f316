namespace McpSecure.Identity.Authorization;

/// <summary>A scope of a pending authorization request, with the description the login and consent pages show.</summary>
internal sealed record RequestedScope(string Name, string? Description);
