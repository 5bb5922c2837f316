using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using k8s;
using YamlDotNet.Serialization;

namespace McpSecure.AppHost.Publishing;

/// <summary>
/// Writes a <see cref="HelmManifest"/> as a Helm template: the typed object serialised as Kubernetes serialises it
/// (KubernetesClient's JSON), emitted as YAML by YamlDotNet, with the patched fields replaced by their Helm
/// expressions, unquoted.
/// </summary>
internal static partial class HelmManifestWriter
{
    private const string MarkerPrefix = "HELMEXPRESSION";

    private static readonly ISerializer Yaml = new SerializerBuilder()
        .WithQuotingNecessaryStrings()
        .DisableAliases()
        .Build();

    public static string Write(HelmManifest manifest)
    {
        var node = JsonNode.Parse(KubernetesJson.Serialize(manifest.Resource))
            ?? throw new InvalidOperationException($"{manifest.Path}: the object serialised to null.");
        for (var i = 0; i < manifest.Patches.Count; i++)
        {
            Set(node, manifest.Patches[i].Path, Marker(i));
        }

        var yaml = Yaml.Serialize(ToPlain(node));
        var text = new StringBuilder();
        if (manifest.Condition is { } fileCondition)
        {
            text.Append("{{- if ").Append(fileCondition).Append(" }}\n");
        }
        foreach (var line in yaml.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n'))
        {
            var match = MarkerPattern().Match(line);
            if (!match.Success)
            {
                text.Append(line).Append('\n');
                continue;
            }
            var patch = manifest.Patches[int.Parse(match.Groups["index"].Value, CultureInfo.InvariantCulture)];
            var indent = line[..(line.Length - line.TrimStart().Length)];
            if (patch.Condition is not null)
            {
                text.Append(indent).Append("{{- if ").Append(patch.Condition).Append(" }}\n");
            }
            text.Append(line.Replace(match.Value, patch.Expression, StringComparison.Ordinal)).Append('\n');
            if (patch.Condition is not null)
            {
                text.Append(indent).Append("{{- end }}\n");
            }
        }
        if (manifest.Condition is not null)
        {
            text.Append("{{- end }}\n");
        }
        var unreplaced = MarkerPattern().Match(text.ToString());
        return unreplaced.Success
            ? throw new InvalidOperationException($"{manifest.Path}: a patched field landed inside a line it cannot replace ({unreplaced.Value}).")
            : text.ToString();
    }

    private static string Marker(int index) => $"{MarkerPrefix}{index:D4}";

    [GeneratedRegex(MarkerPrefix + @"(?<index>\d{4})")]
    private static partial Regex MarkerPattern();

    /// <summary>Sets <paramref name="path"/> (dotted, with <c>[i]</c> indices) to <paramref name="value"/>, creating objects on the way.</summary>
    private static void Set(JsonNode root, string path, string value)
    {
        var segments = path.Split('.');
        var current = root;
        for (var i = 0; i < segments.Length; i++)
        {
            var (name, index) = Segment(segments[i]);
            var last = i == segments.Length - 1;
            var obj = current.AsObject();
            if (index is null)
            {
                if (last)
                {
                    obj[name] = value;
                    return;
                }
                current = obj[name] ??= new JsonObject();
                continue;
            }
            var array = obj[name]?.AsArray() ?? throw new InvalidOperationException($"{path}: '{name}' is not a list of the object.");
            if (last)
            {
                array[index.Value] = value;
                return;
            }
            current = array[index.Value] ?? throw new InvalidOperationException($"{path}: '{name}[{index}]' does not exist.");
        }
    }

    private static (string Name, int? Index) Segment(string segment)
    {
        var open = segment.IndexOf('[', StringComparison.Ordinal);
        return open < 0
            ? (segment, null)
            : (segment[..open], int.Parse(segment[(open + 1)..^1], CultureInfo.InvariantCulture));
    }

    /// <summary>JSON nodes as the plain dictionaries, lists and scalars YamlDotNet serialises (key order kept).</summary>
    private static object? ToPlain(JsonNode? node) => node switch
    {
        null => null,
        JsonObject obj => obj.ToDictionary(p => p.Key, p => ToPlain(p.Value)),
        JsonArray array => array.Select(ToPlain).ToList(),
        JsonValue value => value.GetValueKind() switch
        {
            System.Text.Json.JsonValueKind.String => value.GetValue<string>(),
            System.Text.Json.JsonValueKind.True => true,
            System.Text.Json.JsonValueKind.False => false,
            System.Text.Json.JsonValueKind.Number => value.TryGetValue<long>(out var integer) ? integer : value.GetValue<double>(),
            _ => null,
        },
        _ => throw new InvalidOperationException($"Unexpected JSON node {node.GetType().Name}."),
    };
}
