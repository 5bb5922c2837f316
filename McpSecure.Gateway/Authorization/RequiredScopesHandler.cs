using McpSecure.Gateway.Configuration;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace McpSecure.Gateway.Authorization;

/// <summary>Succeeds when the token grants every scope in <see cref="GatewayOptions.RequiredScopes"/>.</summary>
internal sealed class RequiredScopesHandler(IOptions<GatewayOptions> options) : AuthorizationHandler<RequiredScopesRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, RequiredScopesRequirement requirement)
    {
        var granted = GrantedScopes.Of(context.User);
        if (options.Value.RequiredScopes.All(granted.Contains))
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}
