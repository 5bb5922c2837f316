using System.Text.Json;
using McpSecure.PrometheusMcp.Formatting;

namespace McpSecure.UnitTests.PrometheusMcp;

public sealed class PromTextTests
{
    [Fact]
    public void Series_are_written_as_promql_selectors_with_escaped_values()
    {
        var labels = new Dictionary<string, string> { ["__name__"] = "m", ["path"] = "C:\\x", ["msg"] = "a\"b\nc" };

        Assert.Equal("m{path=\"C:\\\\x\",msg=\"a\\\"b\\nc\"}", PromText.Series(labels));
        Assert.Equal("{}", PromText.Series(new Dictionary<string, string>()));
    }

    [Fact]
    public void Flat_objects_become_text_in_prometheus_order()
    {
        using var json = JsonDocument.Parse("""{"version":"3.1.0","goroutines":42,"reloadOk":true,"none":null}""");

        Assert.Equal([("version", "3.1.0"), ("goroutines", "42"), ("reloadOk", "true"), ("none", "")],
            PromText.Flatten(json.RootElement).Select(p => (p.Key, p.Value)));
    }
}
