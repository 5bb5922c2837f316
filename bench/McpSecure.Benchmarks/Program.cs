using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// The gateway's per-request work, in process (no rebuild by BenchmarkDotNet): `bench/run --micro`, or
// `dotnet run -c Release --project bench/McpSecure.Benchmarks -- --filter '*'`.
var config = DefaultConfig.Instance.AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
BenchmarkSwitcher.FromAssembly(typeof(McpSecure.Benchmarks.GatewayHotPathBenchmarks).Assembly).Run(args, config);
