using McpSecure.Identity.OpenIddictServer;

namespace McpSecure.Identity.Endpoints;

internal static class OpenIddictEndpointsExtensions
{
    private static readonly string[] GetAndPost = [HttpMethods.Get, HttpMethods.Post];

    /// <summary>
    /// The endpoints OpenIddict passes through to application code, after it has validated the request.
    /// Discovery, JWKS, introspection and revocation are answered by OpenIddict itself.
    /// </summary>
    public static IEndpointRouteBuilder MapOpenIddictPassthroughEndpoints(this IEndpointRouteBuilder endpoints)
    {
        MapGetAndPost(endpoints, ServerEndpointPaths.Authorization, AuthorizeEndpoint.HandleAsync);
        endpoints.MapPost(ServerEndpointPaths.Rooted(ServerEndpointPaths.Token), (Delegate)TokenEndpoint.HandleAsync);
        MapGetAndPost(endpoints, ServerEndpointPaths.UserInfo, UserInfoEndpoint.HandleAsync);
        MapGetAndPost(endpoints, ServerEndpointPaths.EndSession, EndSessionEndpoint.HandleAsync);
        MapGetAndPost(endpoints, ServerEndpointPaths.Logout, EndSessionEndpoint.HandleAsync);
        return endpoints;
    }

    // The handler as a Delegate, never as a RequestDelegate: the IResult it returns must be executed.
    private static void MapGetAndPost(IEndpointRouteBuilder endpoints, string path, Delegate handler) =>
        endpoints.MapMethods(ServerEndpointPaths.Rooted(path), GetAndPost, handler);
}
