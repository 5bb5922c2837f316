using System.Text.Json;
using McpSecure.PrometheusMcp.Formatting;
using ModelContextProtocol.Protocol;

namespace McpSecure.UnitTests.PrometheusMcp;

public sealed class TruncationTests
{
    [Fact]
    public void Text_that_fits_is_kept_whole()
    {
        Assert.Equal("abc\n", Truncation.Head("abc\n", 4));
    }

    [Fact]
    public void Long_text_is_cut_after_the_last_whole_line()
    {
        Assert.Equal("one\ntwo\n", Truncation.Head("one\ntwo\nthree\n", 10));
    }

    [Fact]
    public void Text_without_a_line_break_is_cut_at_the_limit()
    {
        Assert.Equal("abcde", Truncation.Head("abcdefghij", 5));
    }

    [Fact]
    public void A_tool_result_says_how_much_was_cut_and_keeps_the_structured_data_whole()
    {
        var text = string.Concat(Enumerable.Range(0, 100).Select(i => $"line {i:000}\n"));

        var result = new ToolOutput<int[]>(text, [1, 2, 3]).ToResult(25);

        var shown = Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;
        Assert.Equal($"line 000\nline 001\n[truncated: showing the first 18 of {text.Length} characters; ask for less (filters, limit, offset) to see the rest]\n", shown);
        Assert.Equal([1, 2, 3], result.StructuredContent!.Value.EnumerateArray().Select(e => e.GetInt32()));
    }

    [Fact]
    public void A_result_that_fits_has_no_note()
    {
        var result = new ToolOutput<string>("short\n", "s").ToResult(1_000);

        Assert.Equal("short\n", ((TextContentBlock)result.Content[0]).Text);
        Assert.Equal(JsonValueKind.String, result.StructuredContent!.Value.ValueKind);
    }
}
