namespace McpSecure.PrometheusMcp.Formatting;

/// <summary>
/// A compact text table: a header line and one line per row, cells separated by tabs (cheaper than Markdown pipes
/// and padding, and models read it well). Tabs and line breaks inside cells are written as spaces.
/// </summary>
internal sealed class TextTable
{
    private readonly StringBuilder _text = new();

    private TextTable(string[] columns) => AddLine(columns);

    public static TextTable Create(params string[] columns) => new(columns);

    public TextTable Add(params string?[] cells)
    {
        AddLine(cells);
        return this;
    }

    public override string ToString() => _text.ToString();

    private void AddLine(string?[] cells)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                _text.Append('\t');
            }
            _text.Append((cells[i] ?? "").Replace('\t', ' ').Replace('\n', ' ').Replace('\r', ' '));
        }
        _text.Append('\n');
    }
}
