namespace McpSecure.PrometheusMcp.PromQL;

/// <summary>
/// A PromQL function: its argument types and result. <see cref="Variadic"/> as in Prometheus: 0 for a fixed count, n for
/// up to n more of the last type (which may also be left out), -1 for any number more.
/// </summary>
internal sealed record PromQlFunction(string Name, IReadOnlyList<PromQlValueType> ArgumentTypes, int Variadic, PromQlValueType ReturnType);
