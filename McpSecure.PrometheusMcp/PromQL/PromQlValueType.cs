namespace McpSecure.PrometheusMcp.PromQL;

/// <summary>The type of value an expression evaluates to.</summary>
internal enum PromQlValueType
{
    Scalar,
    Vector,
    Matrix,
    String,
}
