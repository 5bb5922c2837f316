using McpSecure.PrometheusMcp.Formatting;
using ModelContextProtocol;

namespace McpSecure.UnitTests.PrometheusMcp;

public sealed class PagingTests
{
    private static readonly string[] Letters = ["a", "b", "c", "d", "e"];

    [Fact]
    public void A_middle_page_says_which_offset_comes_next()
    {
        var page = Paging.Take(Letters, limit: 2, offset: 1, "letters");

        Assert.Equal(["b", "c"], page.Items);
        Assert.Equal(5, page.Total);
        Assert.Equal("[truncated: showing letters 2–3 of 5; pass offset=3 for the next page, or filter]", page.Note);
    }

    [Fact]
    public void Following_the_note_reaches_the_last_page_which_has_no_note()
    {
        var seen = new List<string>();
        var offset = 0;
        while (true)
        {
            var page = Paging.Take(Letters, limit: 2, offset, "letters");
            seen.AddRange(page.Items);
            if (page.Note is null)
            {
                break;
            }
            offset = int.Parse(System.Text.RegularExpressions.Regex.Match(page.Note, "offset=(\\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        }

        Assert.Equal(Letters, seen);
    }

    [Fact]
    public void An_offset_past_the_end_gives_an_empty_page()
    {
        var page = Paging.Take(Letters, limit: 2, offset: 9, "letters");

        Assert.Empty(page.Items);
        Assert.Null(page.Note);
    }

    [Theory]
    [InlineData(0, 0, "`limit` = 0 is out of range: use 1 to 10000.")]
    [InlineData(10_001, 0, "`limit` = 10001 is out of range: use 1 to 10000.")]
    [InlineData(10, -1, "`offset` = -1 is negative: use 0 for the first page.")]
    public void Bad_limits_and_offsets_are_refused_naming_the_argument(int limit, int offset, string expected)
    {
        var error = Assert.Throws<McpException>(() => Paging.CheckArguments(limit, offset, Paging.MaxPageSize));

        Assert.Equal(expected, error.Message);
    }
}
