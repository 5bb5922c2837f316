namespace McpSecure.AppHost.Publishing;

/// <summary>Builds every file of the chart from what the app model says (<see cref="ChartApplication"/>).</summary>
internal static class HelmChartBuilder
{
    public static IReadOnlyList<HelmManifest> Manifests(ChartApplication app) =>
    [
        .. app.Workloads.SelectMany(w => WorkloadManifests.Build(w, app)),
        .. ExposureManifests.Build(app.Gateway),
        .. app.Secrets.Select(SecretManifests.Build),
        .. app.DemoProviders.SelectMany(DemoIdentityManifests.Build),
        .. Redis.RedisManifests.Build(app),
    ];

    public static IReadOnlyList<ChartFile> Build(ChartApplication app, string appVersion) =>
    [
        new("Chart.yaml", HelmChartFiles.ChartYaml(appVersion)),
        new("values.yaml", HelmValuesWriter.Write(app)),
        new("templates/_helpers.tpl", HelmChartFiles.Helpers + "\n" + HelmChartFiles.IssuerHelpers(app)),
        .. app.DemoProviders.Select(d => new ChartFile(d.RealmChartFile, d.RealmJson)).DistinctBy(f => f.Path),
        new("templates/NOTES.txt", HelmChartFiles.Notes + Redis.RedisManifests.Notes(app)),
        .. Manifests(app).Select(m => new ChartFile(m.Path, HelmManifestWriter.Write(m))),
        .. LayoutGuard(app),
    ];

    /// <summary>When the MCP server cannot be the gateway's sidecar, asking for that layout stops the render with the reason.</summary>
    private static IEnumerable<ChartFile> LayoutGuard(ChartApplication app)
    {
        if (PodLayout.Conflict(app) is { } conflict)
        {
            yield return new ChartFile("templates/layout-check.yaml",
                $"{{{{- if eq ({PodLayout.ValuePath} | default \"{PodLayout.Separate}\") \"{PodLayout.Sidecar}\" }}}}\n{{{{- fail {System.Text.Json.JsonSerializer.Serialize(conflict)} }}}}\n{{{{- end }}}}\n");
        }
    }

    /// <summary>Writes the chart into <paramref name="directory"/>, replacing the templates a previous publish wrote.</summary>
    public static async Task WriteAsync(IReadOnlyList<ChartFile> files, string directory, CancellationToken cancellationToken)
    {
        var templates = Path.Combine(directory, "templates");
        if (Directory.Exists(templates))
        {
            Directory.Delete(templates, recursive: true);
        }
        foreach (var file in files)
        {
            var path = Path.Combine(directory, file.Path.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, file.Content, cancellationToken);
        }
    }
}
