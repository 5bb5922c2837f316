namespace McpSecure.Tests.Federation;

/// <summary>The AppHost's federation settings as an operator writes them (<c>McpSecure:Upstream*</c>), for the fixtures of each upstream.</summary>
public static class FederationArguments
{
    /// <summary>
    /// Federation with <paramref name="upstreamIssuer"/> as the client <paramref name="clientId"/>; with
    /// <paramref name="adminGroup"/>, the upstream's <c>groups</c> claim is read, that group mapped to <c>admin</c>, and
    /// every federated user is a <c>reader</c>.
    /// </summary>
    public static List<string> For(string upstreamIssuer, string clientId, string clientSecret, string? adminGroup = null)
    {
        List<string> arguments =
        [
            $"--McpSecure:UpstreamIssuer={upstreamIssuer}",
            $"--McpSecure:UpstreamClientId={clientId}",
            $"--Parameters:upstream-client-secret={clientSecret}",
            "--McpSecure:UpstreamScopes:0=openid",
            "--McpSecure:UpstreamScopes:1=profile",
            "--McpSecure:UpstreamScopes:2=email",
        ];
        if (adminGroup is not null)
        {
            arguments.AddRange(
            [
                "--McpSecure:UpstreamScopes:3=groups",
                "--McpSecure:UpstreamRoleClaims:0=groups",
                $"--McpSecure:UpstreamRoleMap:{adminGroup}=admin",
                "--McpSecure:UpstreamDefaultRoles:0=reader",
            ]);
        }
        return arguments;
    }
}
