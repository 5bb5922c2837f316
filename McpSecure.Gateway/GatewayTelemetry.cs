namespace McpSecure.Gateway;

/// <summary>Names of the gateway's own meter and activity source (exported by the service defaults' <c>McpSecure.*</c>).</summary>
public static class GatewayTelemetry
{
    public const string MeterName = "McpSecure.Gateway";
}
