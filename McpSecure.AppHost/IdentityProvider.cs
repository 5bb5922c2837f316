namespace McpSecure.AppHost;

/// <summary>The OIDC provider as the rest of the app model sees it, whichever implementation runs.</summary>
/// <param name="Resource">The provider's resource (for WaitFor and references); null for an external provider.</param>
/// <param name="Issuer">The issuer URL exactly as it appears in the tokens' <c>iss</c>.</param>
internal sealed record IdentityProvider(IResourceBuilder<IResourceWithEndpoints>? Resource, ReferenceExpression Issuer);
