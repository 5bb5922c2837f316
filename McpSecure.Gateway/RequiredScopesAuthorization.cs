using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace McpSecure.Gateway;

/// <summary>The token must carry every scope in <see cref="GatewayOptions.RequiredScopes"/>; otherwise 403 <c>insufficient_scope</c>.</summary>
public sealed class RequiredScopesRequirement : IAuthorizationRequirement;

public sealed class RequiredScopesHandler(IOptions<GatewayOptions> options) : AuthorizationHandler<RequiredScopesRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, RequiredScopesRequirement requirement)
    {
        // OAuth carries scopes as one space-separated "scope" claim; some providers use several "scp" claims.
        var granted = context.User.FindAll("scope").Concat(context.User.FindAll("scp"))
            .SelectMany(claim => claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToHashSet(StringComparer.Ordinal);

        if (options.Value.RequiredScopes.All(granted.Contains))
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}

public static class RequiredScopesAuthorizationExtensions
{
    /// <summary>The MCP route's policy: a valid token (authentication) that carries the required scopes.</summary>
    public static IServiceCollection AddMcpAuthorization(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(McpProxyExtensions.McpAuthorizationPolicy, policy => policy
                .RequireAuthenticatedUser()
                .AddRequirements(new RequiredScopesRequirement()));
        return services.AddSingleton<IAuthorizationHandler, RequiredScopesHandler>();
    }
}
