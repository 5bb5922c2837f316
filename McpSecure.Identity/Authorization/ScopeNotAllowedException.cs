namespace McpSecure.Identity.Authorization;

/// <summary>A client asked for a scope that its service account's roles do not allow (realm <c>scopeMappings</c>).</summary>
internal sealed class ScopeNotAllowedException(string message) : Exception(message);
