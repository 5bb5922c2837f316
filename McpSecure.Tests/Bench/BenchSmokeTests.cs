using System.Text.Json;
using McpSecure.Tests.Infrastructure;

namespace McpSecure.Tests.Bench;

/// <summary>
/// <c>bench/run --smoke</c> so that the benchmark cannot rot: it builds, starts every server, signs in for real and
/// measures every path. Only that figures came out is checked, never how fast (CI runs on a loaded machine).
/// </summary>
public sealed class BenchSmokeTests
{
    private static readonly string[] Paths = ["direct", "gateway-jwt", "gateway-introspection", "nginx-design"];

    [Fact]
    public async Task The_smoke_run_measures_every_path_without_errors()
    {
        var output = Directory.CreateTempSubdirectory("mcpsecure-bench-");
        try
        {
            await RunAndCheck(output.FullName);
        }
        finally
        {
            TempFolder.TryDelete(output.FullName);
        }
    }

    private static async Task RunAndCheck(string output)
    {
        // Generous: it bounds a hang, not the speed (Release builds of three services on a shared machine included).
        var result = await ExternalProcess.RunAsync(Path.Combine(RepositoryTools.Root, "bench", "run"), ["--smoke"],
            new Dictionary<string, string?> { ["BENCH_OUT"] = output }, RepositoryTools.Root, TimeSpan.FromMinutes(15));

        Assert.True(result.ExitCode == 0, result.ToString());
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "results.json")));
        var measurements = report.RootElement.GetProperty("measurements").EnumerateArray().ToList();
        foreach (var path in Paths)
        {
            var ofPath = measurements.Where(m => m.GetProperty("path").GetString() == path).ToList();
            Assert.True(ofPath.Count >= 2, $"{path}: expected a measurement per call, got {ofPath.Count}.\n{result}");
            foreach (var m in ofPath)
            {
                Assert.True(m.GetProperty("requests").GetInt64() > 0, $"{path} {m.GetProperty("call")}: no request completed.\n{result}");
                Assert.True(m.GetProperty("requestsPerSecond").GetDouble() > 0, $"{path}: no throughput figure.");
                Assert.True(m.GetProperty("p99Ms").GetDouble() > 0, $"{path}: no p99 figure.");
                Assert.Equal(0, m.GetProperty("errors").GetInt64());
            }
        }
        foreach (var path in Paths.Skip(1))
        {
            Assert.True(measurements.Where(m => m.GetProperty("path").GetString() == path).All(m => m.GetProperty("proxyCpuMsPerRequest").GetDouble() > 0),
                $"{path}: no CPU figure from /proc.");
        }
        Assert.True(report.RootElement.GetProperty("gatewayIdleRssMb").GetDouble() > 0);
        // What the gateway's image ships (clang is installed where the tests run): the native AOT build served every call above.
        Assert.Equal("native AOT (as its image ships)", report.RootElement.GetProperty("gatewayBuild").GetString());
        foreach (var file in new[] { "results.csv", "summary.md", "throughput.png", "p99.png" })
        {
            Assert.True(new FileInfo(Path.Combine(output, file)).Length > 0, $"{file} is missing or empty.");
        }
    }
}
