namespace McpSecure.PrometheusMcp.Results;

internal sealed record TsdbTopEntry(string Name, long Value);
