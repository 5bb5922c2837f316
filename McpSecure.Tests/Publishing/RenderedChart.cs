using System.Text;
using System.Text.Json;
using McpSecure.Tests.Infrastructure;

namespace McpSecure.Tests.Publishing;

/// <summary>The chart rendered by <c>helm template</c> with a values file, each object validated against the Kubernetes schemas.</summary>
internal sealed class RenderedChart
{
    private RenderedChart(string text, IReadOnlyList<JsonElement> objects)
    {
        Text = text;
        Objects = objects;
    }

    /// <summary>The rendered YAML as helm printed it.</summary>
    public string Text { get; }

    public IReadOnlyList<JsonElement> Objects { get; }

    public IEnumerable<JsonElement> OfKind(string kind) => Objects.Where(o => o.GetProperty("kind").GetString() == kind);

    public JsonElement Single(string kind, string name) =>
        Assert.Single(OfKind(kind), o => o.GetProperty("metadata").GetProperty("name").GetString() == name);

    /// <summary>Renders <paramref name="chart"/> as release <c>mcp</c> with <paramref name="valuesYaml"/>, validates every object, and fails with helm's or the validator's message.</summary>
    public static async Task<RenderedChart> RenderAsync(string chart, string valuesYaml)
    {
        var scratch = Directory.CreateTempSubdirectory("mcpsecure-render-").FullName;
        try
        {
            var values = Path.Combine(scratch, "values.yaml");
            await File.WriteAllTextAsync(values, valuesYaml);
            var template = await HelmTools.RunHelmAsync("template", "mcp", chart, "--namespace", "mcp", "-f", values);
            Assert.True(template.ExitCode == 0, $"helm template failed: {template}");

            var rendered = Path.Combine(scratch, "rendered.yaml");
            await File.WriteAllTextAsync(rendered, template.StandardOutput);
            var validation = await ExternalProcess.RunAsync("node", [HelmTools.Validator, rendered], null, HelmTools.Folder, TimeSpan.FromMinutes(1));
            var report = JsonDocument.Parse(validation.StandardOutput).RootElement;
            var errors = report.GetProperty("errors").EnumerateArray().Select(e => e.ToString()).ToList();
            Assert.True(validation.ExitCode == 0 && errors.Count == 0, "Objects invalid against the Kubernetes schemas:\n" + string.Join("\n", errors) + "\n" + validation);
            return new RenderedChart(template.StandardOutput, [.. report.GetProperty("objects").EnumerateArray().Select(o => o.Clone())]);
        }
        finally
        {
            TempFolder.TryDelete(scratch);
        }
    }

    public static string Base64(string value) => Convert.ToBase64String(Encoding.UTF8.GetBytes(value));
}
