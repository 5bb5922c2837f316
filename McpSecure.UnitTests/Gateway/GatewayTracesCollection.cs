namespace McpSecure.UnitTests.Gateway;

/// <summary>
/// Test classes that listen to the process-wide <c>Microsoft.AspNetCore</c> activity source: run one after the other,
/// so that one's listener never sees (or samples) the other's requests.
/// </summary>
[CollectionDefinition(Name)]
public sealed class GatewayTracesCollection
{
    public const string Name = "Gateway traces";
}
