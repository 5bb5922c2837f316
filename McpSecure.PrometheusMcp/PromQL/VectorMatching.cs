namespace McpSecure.PrometheusMcp.PromQL;

/// <summary>How a binary operation pairs series: <c>on</c>/<c>ignoring</c> labels and <c>group_left</c>/<c>group_right</c>.</summary>
internal sealed record VectorMatching(VectorMatchCardinality Cardinality, bool On, IReadOnlyList<string> MatchingLabels, IReadOnlyList<string> Include);
