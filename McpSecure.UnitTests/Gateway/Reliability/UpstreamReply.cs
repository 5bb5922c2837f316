namespace McpSecure.UnitTests.Gateway.Reliability;

/// <summary>What <see cref="ScriptedUpstream"/> does with one request.</summary>
internal sealed record UpstreamReply(int Status = 200, string ContentType = "application/json", string Body = "", bool Hang = false,
    TimeSpan BodyDelay = default)
{
    public static UpstreamReply JsonRpcResult { get; } = new(Body: """{"jsonrpc":"2.0","id":1,"result":{}}""");

    /// <summary>Accepts the connection, reads the request and never answers.</summary>
    public static UpstreamReply Never { get; } = new(Hang: true);
}
