using McpSecure.PrometheusMcp.Formatting;

namespace McpSecure.UnitTests.PrometheusMcp;

public sealed class TextTableTests
{
    [Fact]
    public void Cells_are_tab_separated_and_cannot_break_the_layout()
    {
        var table = TextTable.Create("name", "help").Add("up", "1 if\tthe target\nis up").Add("x", null);

        Assert.Equal("name\thelp\nup\t1 if the target is up\nx\t\n", table.ToString());
    }
}
