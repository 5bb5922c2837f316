namespace McpSecure.PrometheusMcp.Results;

/// <summary>A page of a list: <c>Items</c> are entries <c>Offset</c>…<c>Offset + Items.Count - 1</c> of <c>Total</c>.</summary>
internal sealed record NamesPage(string What, int Total, int Offset, IReadOnlyList<string> Items, string? Truncated = null);
