namespace McpSecure.PrometheusMcp.Formatting;

/// <summary>A page of a list of names (metric names, label names, label values): a count line, one name per line, the paging note.</summary>
internal static class NamesPageFormatter
{
    public static ToolOutput<NamesPage> Format(string what, IReadOnlyList<string> all, int limit, int offset)
    {
        var page = Paging.Take(all, limit, offset, what);
        var text = new StringBuilder($"{all.Count} {what}");
        text.Append(offset > 0 ? $" (from #{offset + 1}):\n" : ":\n");
        foreach (var item in page.Items)
        {
            text.AppendLine(item);
        }
        text.AppendNote(page.Note);
        return new(text.ToString(), new(what, page.Total, offset, page.Items, page.Note));
    }
}
