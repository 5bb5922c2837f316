using Microsoft.AspNetCore.Authorization;

namespace McpSecure.Gateway.Authorization;

/// <summary>The token must carry every scope in <c>Gateway:RequiredScopes</c>; otherwise 403 <c>insufficient_scope</c>.</summary>
internal sealed class RequiredScopesRequirement : IAuthorizationRequirement;
