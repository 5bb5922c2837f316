namespace McpSecure.PrometheusMcp.PromQL;

/// <summary>What a <see cref="PromQlToken"/> is.</summary>
internal enum PromQlTokenKind
{
    End,
    Number,
    String,
    Duration,
    Identifier,
    MetricIdentifier,
    LeftParen,
    RightParen,
    LeftBrace,
    RightBrace,
    LeftBracket,
    RightBracket,
    Comma,
    Colon,
    At,
    /// <summary>An operator: + - * / % ^ == != &lt; &lt;= &gt; &gt;= = =~ !~ (the text says which).</summary>
    Operator,
}
