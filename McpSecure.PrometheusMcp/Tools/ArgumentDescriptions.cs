namespace McpSecure.PrometheusMcp.Tools;

/// <summary>Descriptions of the arguments that several tools share, so that a model reads the same words for the same argument.</summary>
internal static class ArgumentDescriptions
{
    public const string PageSize = "Page size (default 100, at most 10000).";

    public const string SeriesLimit = "Most series to return (default 100, at most 1000). Prefer aggregating over raising this.";

    public const string EvaluationTime = "Evaluation time: " + TimeParser.TimeFormats + ". Omit for now.";

    public const string Match = "Series selectors that restrict the result, e.g. [\"up\", \"{job=\\\"api\\\"}\"]. Optional.";

    public const string Start = "Only data after this time: " + TimeParser.TimeFormats + ". Optional.";

    public const string End = "Only data before this time (same formats). Optional.";
}
