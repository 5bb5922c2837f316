using System.ComponentModel;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpSecure.PrometheusMcp;

/// <summary>
/// Tools that reveal how Prometheus itself is set up (cardinality, configuration, command-line flags). They are
/// read-only, but show internals that an operator may reserve for administrators: <see cref="Names"/> lists them so
/// that a gateway or filter can require an admin scope for them.
/// </summary>
[McpServerToolType]
public sealed class AdminTools(PrometheusClient prometheus, IOptions<PrometheusOptions> options)
{
    public const string TsdbStatus = "get_tsdb_status";
    public const string Config = "get_config";
    public const string Flags = "get_flags";

    /// <summary>The names of the admin tools.</summary>
    public static readonly IReadOnlySet<string> Names = new HashSet<string>(StringComparer.Ordinal) { TsdbStatus, Config, Flags };

    private readonly PrometheusOptions _options = options.Value;

    [McpServerTool(Name = TsdbStatus, Title = "TSDB cardinality statistics (admin)", ReadOnly = true, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TsdbStatusResult))]
    [Description("Returns head-block statistics of the time-series database: number of series and chunks, and the top metrics and " +
                 "labels by series count and memory. Use it to find what drives cardinality or memory use. Admin tool.")]
    public async Task<CallToolResult> GetTsdbStatus(CancellationToken cancellationToken = default)
    {
        var response = await PrometheusCall.RunAsync(() => prometheus.StatusAsync("tsdb", cancellationToken));
        var data = response.Data;
        var head = StatusTools.Flatten(data.GetProperty("headStats"));
        var result = new TsdbStatusResult(head, Top(data, "seriesCountByMetricName"), Top(data, "labelValueCountByLabelName"),
            Top(data, "memoryInBytesByLabelName"), Top(data, "seriesCountByLabelValuePair"));

        var text = new StringBuilder("head:");
        foreach (var (key, value) in head)
        {
            text.Append(' ').Append(key).Append('=').Append(value);
        }
        text.AppendLine();
        foreach (var (title, entries) in new[]
                 {
                     ("series by metric", result.SeriesCountByMetricName), ("values by label", result.LabelValueCountByLabelName),
                     ("bytes by label", result.MemoryInBytesByLabelName), ("series by label pair", result.SeriesCountByLabelValuePair),
                 })
        {
            text.Append(title).AppendLine(":");
            foreach (var entry in entries)
            {
                text.Append(entry.Name).Append('\t').Append(entry.Value.ToString(CultureInfo.InvariantCulture)).AppendLine();
            }
        }
        return new ToolOutput<TsdbStatusResult>(text.ToString(), result).ToResult(_options.MaxOutputCharacters);
    }

    [McpServerTool(Name = Config, Title = "Prometheus configuration (admin)", ReadOnly = true, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(ConfigResult))]
    [Description("Returns the loaded Prometheus configuration as YAML (scrape jobs, intervals, relabelling, rule files; secrets are " +
                 "masked by Prometheus). Use it to explain why a target is or is not scraped. Admin tool.")]
    public async Task<CallToolResult> GetConfig(CancellationToken cancellationToken = default)
    {
        var response = await PrometheusCall.RunAsync(() => prometheus.StatusAsync("config", cancellationToken));
        var yaml = response.Data.GetProperty("yaml").GetString() ?? "";
        var max = _options.MaxOutputCharacters;
        var shown = yaml.Length <= max ? yaml : yaml[..(yaml.LastIndexOf('\n', max - 1) + 1 is > 0 and var cut ? cut : max)];
        var truncated = shown.Length < yaml.Length
            ? $"[truncated: showing the first {shown.Length} of {yaml.Length} characters of the configuration]"
            : null;
        var text = truncated is null ? shown : shown + truncated + "\n";
        return new ToolOutput<ConfigResult>(text, new(yaml.Length, shown, truncated)).ToResult(max + 200);
    }

    [McpServerTool(Name = Flags, Title = "Prometheus command-line flags (admin)", ReadOnly = true, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(FlagsResult))]
    [Description("Returns the command-line flags Prometheus runs with (retention, storage path, lookback delta, query limits…), " +
                 "optionally only those whose name contains a substring, e.g. `retention`. Admin tool.")]
    public async Task<CallToolResult> GetFlags(
        [Description("Case-insensitive substring of the flag name, e.g. `retention` or `query`. Optional.")] string? filter_pattern = null,
        CancellationToken cancellationToken = default)
    {
        var response = await PrometheusCall.RunAsync(() => prometheus.StatusAsync("flags", cancellationToken));
        var flags = StatusTools.Flatten(response.Data)
            .Where(f => string.IsNullOrEmpty(filter_pattern) || f.Key.Contains(filter_pattern, StringComparison.OrdinalIgnoreCase))
            .OrderBy(f => f.Key, StringComparer.Ordinal)
            .ToDictionary(f => f.Key, f => f.Value);
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{flags.Count} flags:\n");
        foreach (var (key, value) in flags)
        {
            text.Append(key).Append('\t').AppendLine(value);
        }
        return new ToolOutput<FlagsResult>(text.ToString(), new(flags.Count, flags)).ToResult(_options.MaxOutputCharacters);
    }

    private static List<TsdbTopEntry> Top(System.Text.Json.JsonElement data, string property) =>
        data.TryGetProperty(property, out var entries) && entries.ValueKind == System.Text.Json.JsonValueKind.Array
            ? entries.EnumerateArray().Select(e => new TsdbTopEntry(e.GetProperty("name").GetString() ?? "", e.GetProperty("value").GetInt64())).ToList()
            : [];
}
