namespace McpSecure.PrometheusMcp.Tools;

/// <summary>Checks and interpretations of the arguments that several tools share; errors name the argument.</summary>
internal static class ToolArguments
{
    /// <summary>Series a query tool returns when the caller does not say; up to Prometheus:MaxSeries on request.</summary>
    public const int DefaultSeriesLimit = 100;

    /// <summary>The trimmed PromQL expression, or a tool error when it is empty.</summary>
    public static string RequireQuery(string? query) =>
        string.IsNullOrWhiteSpace(query)
            ? throw new McpException("`query` is empty: pass a PromQL expression such as `up`.")
            : query.Trim();

    /// <summary>The <c>limit</c> of a query tool: the default when omitted, at most <see cref="PrometheusOptions.MaxSeries"/>.</summary>
    public static int SeriesLimit(int? limit, PrometheusOptions options)
    {
        var value = limit ?? Math.Min(DefaultSeriesLimit, options.MaxSeries);
        Paging.CheckArguments(value, 0, options.MaxSeries);
        return value;
    }

    /// <summary>Whether <paramref name="value"/> passes a <c>filter_pattern</c> argument (a case-insensitive substring; none passes all).</summary>
    public static bool MatchesFilter(string value, string? filter) =>
        string.IsNullOrEmpty(filter) || value.Contains(filter, StringComparison.OrdinalIgnoreCase);

    /// <summary>The <c>match</c> selectors as one string for error messages and headers; null when there are none.</summary>
    public static string? JoinSelectors(string[]? match) => match is null || match.Length == 0 ? null : string.Join(", ", match);
}
