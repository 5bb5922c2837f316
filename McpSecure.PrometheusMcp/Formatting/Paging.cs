namespace McpSecure.PrometheusMcp.Formatting;

/// <summary>
/// The <c>limit</c>/<c>offset</c> paging of the list tools: argument checks whose errors name the argument, and pages
/// whose note tells the model which offset comes next.
/// </summary>
internal static class Paging
{
    /// <summary>Entries a list tool returns when the caller does not say.</summary>
    public const int DefaultPageSize = 100;

    /// <summary>Most entries a list tool returns in one page.</summary>
    public const int MaxPageSize = 10_000;

    /// <summary>Validates <c>limit</c>/<c>offset</c> arguments with errors that name them.</summary>
    public static void CheckArguments(int limit, int offset, int maxLimit)
    {
        if (limit < 1 || limit > maxLimit)
        {
            throw new McpException($"`limit` = {limit} is out of range: use 1 to {maxLimit}.");
        }
        if (offset < 0)
        {
            throw new McpException($"`offset` = {offset} is negative: use 0 for the first page.");
        }
    }

    /// <summary>Entries <paramref name="offset"/>… of <paramref name="all"/>, at most <paramref name="limit"/>; the note calls them <paramref name="what"/>.</summary>
    public static ResultPage<T> Take<T>(IReadOnlyList<T> all, int limit, int offset, string what)
    {
        var items = all.Skip(offset).Take(limit).ToList();
        return new(items, all.Count, offset, Note(what, offset, items.Count, all.Count));
    }

    private static string? Note(string what, int offset, int shown, int total) =>
        offset + shown < total
            ? $"[truncated: showing {what} {offset + 1}–{offset + shown} of {total}; pass offset={offset + shown} for the next page, or filter]"
            : null;
}
