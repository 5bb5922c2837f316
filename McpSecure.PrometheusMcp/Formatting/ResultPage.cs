namespace McpSecure.PrometheusMcp.Formatting;

/// <summary>
/// One page of a list: <see cref="Items"/> are entries <see cref="Offset"/>…<c>Offset + Items.Count - 1</c> of
/// <see cref="Total"/>; <see cref="Note"/> says how to get the next page, or is null on the last one.
/// </summary>
internal sealed record ResultPage<T>(IReadOnlyList<T> Items, int Total, int Offset, string? Note);
