namespace McpSecure.PrometheusMcp.PromQL;

/// <summary>One matcher of a selector, e.g. <c>job=~"api|web"</c>; <see cref="Value"/> is unquoted.</summary>
internal sealed record LabelMatcher(string Name, MatchOperator Operator, string Value)
{
    public const string MetricNameLabel = "__name__";

    public string OperatorText => Operator switch
    {
        MatchOperator.Equal => "=",
        MatchOperator.NotEqual => "!=",
        MatchOperator.Regex => "=~",
        _ => "!~",
    };

    /// <summary>Whether the matcher selects series that lack the label (an empty value matches), for the "at least one non-empty matcher" rule.</summary>
    public bool MatchesEmpty => Operator switch
    {
        MatchOperator.Equal => Value.Length == 0,
        MatchOperator.NotEqual => Value.Length != 0,
        MatchOperator.Regex => RegexMatchesEmpty(Value),
        _ => !RegexMatchesEmpty(Value),
    };

    private static bool RegexMatchesEmpty(string pattern)
    {
        try
        {
            return System.Text.RegularExpressions.Regex.IsMatch("", $"^(?:{pattern})$", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromMilliseconds(100));
        }
        catch (ArgumentException)
        {
            // A pattern .NET cannot read (RE2 and .NET differ a little): Prometheus decides.
            return false;
        }
        catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            return false;
        }
    }
}
