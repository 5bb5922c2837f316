using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace McpSecure.GatewayIdentity;

/// <summary>
/// Met by a caller the gateway identity scheme verified, and by a request that carries no identity at all; not met
/// by a request whose identity failed to verify, which is therefore challenged (401) before any endpoint runs.
/// </summary>
internal sealed class VerifiedOrAnonymousRequirement : AuthorizationHandler<VerifiedOrAnonymousRequirement>, IAuthorizationRequirement
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, VerifiedOrAnonymousRequirement requirement)
    {
        if (context.User.Identities.Any(identity => identity is { IsAuthenticated: true, AuthenticationType: GatewayIdentityDefaults.AuthenticationScheme }))
        {
            context.Succeed(requirement);
            return;
        }
        if (context.Resource is HttpContext http)
        {
            var result = await http.AuthenticateAsync(GatewayIdentityDefaults.AuthenticationScheme);
            if (result.None)
            {
                context.Succeed(requirement);
            }
        }
    }
}
