namespace McpSecure.Identity.Endpoints;

public static class OpenIddictEndpointsRegistration
{
    /// <summary>
    /// The endpoints OpenIddict passes through to application code. Discovery, JWKS, introspection and
    /// revocation are answered by OpenIddict itself.
    /// </summary>
    public static IEndpointRouteBuilder MapOpenIddictPassthroughEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints
            .MapAuthorizeEndpoint()
            .MapTokenEndpoint()
            .MapUserInfoEndpoint()
            .MapEndSessionEndpoint();
}
