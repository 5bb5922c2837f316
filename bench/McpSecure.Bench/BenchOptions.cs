namespace McpSecure.Bench;

/// <summary>
/// What to measure and how long: <c>--smoke</c> is a run of seconds that proves the harness works (CI);
/// <c>--coldstart-only</c> measures only the AppHost's cold start, <c>--coldstart-runs</c> times (median and timeline).
/// </summary>
internal sealed record BenchOptions(
    string RepositoryRoot,
    string OutputDirectory,
    string BinariesDirectory,
    bool Smoke,
    int Runs,
    int DurationSeconds,
    int WarmupSeconds,
    IReadOnlyList<int> Concurrencies,
    IReadOnlyList<McpCall> Calls,
    bool ColdStart,
    IReadOnlyList<string>? Paths,
    string? GatewayBinariesDirectory,
    bool ColdStartOnly,
    int ColdStartRuns)
{
    public static BenchOptions Parse(string[] args)
    {
        string? Value(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }

        var known = new[] { "--smoke", "--no-coldstart", "--repo", "--out", "--bin", "--runs", "--duration", "--warmup", "--concurrency", "--calls", "--paths", "--gateway-bin", "--coldstart-only", "--coldstart-runs" };
        foreach (var arg in args.Where(a => a.StartsWith("--", StringComparison.Ordinal)))
        {
            if (!known.Contains(arg))
            {
                throw new ArgumentException($"Unknown option {arg}. Options: {string.Join(", ", known)}.");
            }
        }

        var smoke = args.Contains("--smoke");
        var repo = Path.GetFullPath(Value("--repo") ?? Directory.GetCurrentDirectory());
        var output = Path.GetFullPath(Value("--out") ?? Path.Combine(repo, "bench", "out"));
        var calls = (Value("--calls") ?? (smoke ? "tools/list,whoami" : "tools/list,whoami,initialize"))
            .Split(',', StringSplitOptions.RemoveEmptyEntries).Select(McpCall.Named).ToList();
        return new BenchOptions(
            repo,
            output,
            Path.GetFullPath(Value("--bin") ?? Path.Combine(output, "bin")),
            smoke,
            Positive("--runs", Value("--runs"), smoke ? 1 : 3),
            Positive("--duration", Value("--duration"), smoke ? 1 : 5),
            Positive("--warmup", Value("--warmup"), smoke ? 1 : 2),
            (Value("--concurrency") ?? (smoke ? "8" : "1,8,32,128")).Split(',').Select(c => Positive("--concurrency", c, 1)).ToList(),
            calls,
            !smoke && !args.Contains("--no-coldstart"),
            Value("--paths")?.Split(',', StringSplitOptions.RemoveEmptyEntries),
            Value("--gateway-bin") is { } gatewayBin ? Path.GetFullPath(gatewayBin) : null,
            args.Contains("--coldstart-only"),
            Positive("--coldstart-runs", Value("--coldstart-runs"), args.Contains("--coldstart-only") ? 5 : 3));
    }

    private static int Positive(string name, string? text, int fallback)
    {
        if (text is null)
        {
            return fallback;
        }
        return int.TryParse(text, out var value) && value > 0
            ? value
            : throw new ArgumentException($"{name} must be a positive whole number, got '{text}'.");
    }
}
