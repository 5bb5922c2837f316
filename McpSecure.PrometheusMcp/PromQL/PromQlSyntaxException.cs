namespace McpSecure.PrometheusMcp.PromQL;

/// <summary>A query that is not valid PromQL; the message names the line, the column and the problem.</summary>
internal sealed class PromQlSyntaxException(string problem, int line, int column)
    : Exception($"PromQL parse error at line {line}, column {column}: {problem}")
{
    public string Problem { get; } = problem;

    public int Line { get; } = line;

    public int Column { get; } = column;

    public static PromQlSyntaxException At(string input, int position, string problem)
    {
        var line = 1;
        var column = 1;
        for (var i = 0; i < position && i < input.Length; i++)
        {
            if (input[i] == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }
        return new PromQlSyntaxException(problem, line, column);
    }
}
