using System.Diagnostics;
using McpSecure.Tests.Infrastructure;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace McpSecure.Tests.Template;

/// <summary>
/// The template as a user gets it, once per test run: packs <c>McpSecure.Templates</c>, installs the template into two
/// private hives (from the packed .nupkg and from the repository folder), creates <see cref="AppName"/> with each
/// <c>--server</c> choice and <see cref="DigitsName"/> (a name with a digit), and builds each generated solution
/// with warnings as errors, one after another (2 cores; the NuGet cache is shared, so restores after the first are fast).
/// </summary>
public sealed class TemplateFixture(IMessageSink diagnostics) : IAsyncLifetime
{
    public const string AppName = "Contoso.Weather";
    public const string DigitsName = "Acme.Mcp2";

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(8);

    private readonly List<string> timings = [];

    public string WorkPath { get; } = Directory.CreateTempSubdirectory("template-tests-").FullName;
    public string PackageHive => Path.Combine(WorkPath, "hive-package");
    public string FolderHive => Path.Combine(WorkPath, "hive-folder");
    /// <summary>The packed template, <c>McpSecure.Templates.&lt;version&gt;.nupkg</c>.</summary>
    public string Package { get; private set; } = null!;

    /// <summary>Where the external app's upstream (an MCP server a test starts) will listen, given to <c>--upstream-url</c>.</summary>
    public int UpstreamPort { get; } = Loopback.FreeTcpPort();
    public string UpstreamUrl => $"http://127.0.0.1:{UpstreamPort}/mcp";

    /// <summary><c>--server prometheus</c> from the package, restored by <c>dotnet new</c> (no <c>--skip-restore</c>).</summary>
    public GeneratedApp Prometheus { get; private set; } = null!;
    /// <summary><c>--server blank --skip-restore</c> from the package.</summary>
    public GeneratedApp Blank { get; private set; } = null!;
    /// <summary><c>--server external --upstream-url …</c> from the folder.</summary>
    public GeneratedApp External { get; private set; } = null!;
    /// <summary><see cref="DigitsName"/>, <c>--server blank</c> from the folder.</summary>
    public GeneratedApp Digits { get; private set; } = null!;

    public IReadOnlyList<GeneratedApp> All => [Prometheus, Blank, External, Digits];

    /// <summary>The app a theory names: prometheus, blank, external or digits.</summary>
    public GeneratedApp App(string key) => key switch
    {
        "prometheus" => Prometheus,
        "blank" => Blank,
        "external" => External,
        "digits" => Digits,
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, "No generated app of that name."),
    };

    /// <summary>The repository itself, read the way a generated app is (its AppHost settings and ports).</summary>
    public static GeneratedApp Repository { get; } = new("McpSecure", "prometheus", "repository", RepositoryTools.Root, skipRestore: false);

    /// <summary>How long each step took, for the test log.</summary>
    public IReadOnlyList<string> Timings => timings;

    public async Task InitializeAsync()
    {
        var total = Stopwatch.StartNew();
        var packageFolder = Path.Combine(WorkPath, "package");
        Record(await DotNetCli.RunCheckedAsync(WorkPath, CommandTimeout,
            "pack", Path.Combine(RepositoryTools.Root, "McpSecure.Templates"), "-o", packageFolder, "--disable-build-servers"));
        Package = Assert.Single(Directory.GetFiles(packageFolder, "*.nupkg"));

        Record(await DotNetCli.RunCheckedAsync(WorkPath, CommandTimeout, "new", "install", Package, "--debug:custom-hive", PackageHive));
        Record(await DotNetCli.RunCheckedAsync(WorkPath, CommandTimeout, "new", "install", RepositoryTools.Root, "--debug:custom-hive", FolderHive));

        Prometheus = await CreateAsync(AppName, "prometheus", "package", "prometheus", skipRestore: false);
        Blank = await CreateAsync(AppName, "blank", "package", "blank", skipRestore: true);
        External = await CreateAsync(AppName, "external", "folder", "external", skipRestore: true, "--upstream-url", UpstreamUrl);
        Digits = await CreateAsync(DigitsName, "blank", "folder", "digits", skipRestore: true);

        foreach (var app in All)
        {
            app.Build = await DotNetCli.RunAsync(app.Folder, CommandTimeout, "build", app.Solution, "-warnaserror", "--disable-build-servers");
            Record(app.Build);
        }
        timings.Add($"Template fixture in all: {total.Elapsed.TotalSeconds:0} s");
        foreach (var line in timings)
        {
            diagnostics.OnMessage(new DiagnosticMessage(line));
        }
    }

    public Task DisposeAsync()
    {
        TempFolder.TryDelete(WorkPath);
        return Task.CompletedTask;
    }

    private async Task<GeneratedApp> CreateAsync(string name, string server, string hive, string folder, bool skipRestore, params string[] options)
    {
        var app = new GeneratedApp(name, server, hive, Path.Combine(WorkPath, folder), skipRestore);
        string[] arguments =
        [
            "new", "mcpsecure", "-n", name, "-o", app.Folder, "--server", server,
            "--debug:custom-hive", hive == "package" ? PackageHive : FolderHive, .. options,
            .. skipRestore ? ["--skip-restore"] : Array.Empty<string>(),
        ];
        app.Creation = await DotNetCli.RunCheckedAsync(WorkPath, CommandTimeout, arguments);
        Record(app.Creation);
        app.ObjFoldersAfterCreation = [.. Directory.EnumerateDirectories(app.Folder, "obj", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(app.Folder, f)).Order(StringComparer.Ordinal)];
        return app;
    }

    private void Record(DotNetCli.Run run) =>
        timings.Add($"{run.Elapsed.TotalSeconds,6:0.0} s  {run.Command.Replace(WorkPath, "<work>", StringComparison.Ordinal)}{(run.Succeeded ? "" : "  FAILED")}");
}
