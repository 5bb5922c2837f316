namespace McpSecure.PrometheusMcp.Results;

/// <summary>The structuredContent of <c>get_build_info</c>: build and runtime facts as Prometheus names them.</summary>
internal sealed record BuildInfoResult(IReadOnlyDictionary<string, string> Build, IReadOnlyDictionary<string, string> Runtime);
