namespace McpSecure.PrometheusMcp.PromQL;

/// <summary>The cardinality of a vector match.</summary>
internal enum VectorMatchCardinality
{
    OneToOne,
    ManyToOne,
    OneToMany,
    ManyToMany,
}
