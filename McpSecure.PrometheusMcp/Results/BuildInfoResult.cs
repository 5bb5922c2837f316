namespace McpSecure.PrometheusMcp.Results;

internal sealed record BuildInfoResult(IReadOnlyDictionary<string, string> Build, IReadOnlyDictionary<string, string> Runtime);
